// Which `loadcert` a generated project depends on: one that resolves where init ran, never an unpublished registry name.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNS_FROM_SOURCES } from '../config/typescript-loader.ts';

/** Folder of the loadcert that runs (the checkout, or the installed package): src/init/ and dist/init/ are both two levels down. */
export const OWN_ROOT: string = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

/** The default dependency spec: this loadcert's own folder as a file: spec. */
export function defaultLoadcertDep(): string {
  return `file:${OWN_ROOT}`;
}

/**
 * The spec for `--loadcert-dep VALUE`: an existing path (a tarball from `npm pack`, a checkout) becomes an
 * absolute file: spec; anything else (file:..., git+https://..., a URL, a version) is written as given.
 */
export function loadcertDepSpec(value: string | undefined, cwd = process.cwd()): string {
  if (value === undefined || value.trim() === '') return defaultLoadcertDep();
  const v = value.trim();
  if (!/^[a-z][a-z0-9+.-]*:/i.test(v) && existsSync(resolve(cwd, v))) return `file:${resolve(cwd, v)}`;
  return v;
}

/** A note for the console when the project depends on a checkout whose dist/ is not built (npm would link it without a build). */
export function unbuiltCheckoutNote(spec: string): string | undefined {
  if (spec !== defaultLoadcertDep() || !RUNS_FROM_SOURCES || existsSync(resolve(OWN_ROOT, 'dist', 'bin.js'))) return undefined;
  return `note: ${spec} is a checkout without dist/: run \`npm run build\` there first, or pass --loadcert-dep with a tarball from \`npm pack\``;
}
