// Renders report.html from the .hbs templates in ./templates with an isolated, escaping Handlebars environment.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { ReportView } from './view-model.ts';

const TEMPLATE_DIR = new URL('./templates/', import.meta.url);
const PARTIALS = ['styles', 'criteria', 'chart', 'compare', 'alerts', 'tables', 'capacity', 'resilience'] as const;

let compiled: Handlebars.TemplateDelegate<ReportView> | undefined;

function load(name: string): string {
  return readFileSync(new URL(`${name}.hbs`, TEMPLATE_DIR), 'utf8');
}

/** Compiles the templates once per process; `{{ }}` escapes every value, and no helper emits unescaped text. */
function template(): Handlebars.TemplateDelegate<ReportView> {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  for (const p of PARTIALS) hb.registerPartial(p, hb.compile(load(p), { strict: false }));
  compiled = hb.compile<ReportView>(load('report'), { strict: false, preventIndent: true });
  return compiled;
}

/** The full self-contained HTML document for a view model. */
export function renderHtml(view: ReportView): string {
  return template()(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
}
