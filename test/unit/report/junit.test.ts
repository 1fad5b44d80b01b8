// junit.xml: one testcase per threshold, failures carrying measured vs target, outside text escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderJunit } from '../../../src/report/junit.ts';
import { criterionRow } from '../../../src/report/criteria.ts';
import { fixtureSummary } from './helpers.ts';

const testcases = (xml: string): string[] => [...xml.matchAll(/<testcase [\s\S]*?<\/testcase>/g)].map((m) => m[0]);

test('one testcase per threshold in file order; failures carry measured vs target', () => {
  const s = fixtureSummary('failing');
  const xml = renderJunit(s);
  const rows = s.thresholds.map((t) => criterionRow(t));
  const failed = rows.filter((r) => r.result === 'fail').length;
  const unmeasured = rows.filter((r) => r.result === 'not measured').length;
  const skipped = rows.filter((r) => r.result === 'not applicable').length;
  assert.ok(failed >= 1 && unmeasured >= 1, 'the failing fixture has failed and unmeasured criteria');
  const time = (s.loadcert.durationMs / 1000).toFixed(3);
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
  assert.ok(xml.includes(`<testsuites name="loadcert" tests="${rows.length}" failures="${failed + unmeasured}" errors="0" skipped="${skipped}" time="${time}">`));
  assert.ok(xml.includes(`<testsuite name="loadcert: ${s.loadcert.scenario}" tests="${rows.length}" failures="${failed + unmeasured}"`));
  const cases = testcases(xml);
  assert.equal(cases.length, s.thresholds.length);
  s.thresholds.forEach((t, i) => assert.ok(cases[i].includes(`${t.metric} ${t.expression.replace(/</g, '&lt;').replace(/>/g, '&gt;')}`), `case ${i}`));
  const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  rows.forEach((r, i) => {
    if (r.result === 'fail') assert.ok(cases[i].includes(`<failure type="threshold" message="measured ${r.measured}, target ${esc(r.target)}">`), cases[i]);
    else if (r.result === 'not measured') assert.ok(cases[i].includes(`<failure type="not-measured" message="not measured: no data, target ${esc(r.target)}">`), cases[i]);
    else assert.doesNotMatch(cases[i], /<failure/);
  });
  assert.match(cases[0], /<failure type="threshold" message="measured [\d,.]+ ms, target &lt; 2,000 ms">/, 'the 5.5 s latencies fail the 2 s criterion');
  assert.match(xml, /<property name="verdict" value="NOT CERTIFIED"\/>/);
});

test('passing run has no failures; aborted run records its status', () => {
  assert.doesNotMatch(renderJunit(fixtureSummary('passing')), /<failure/);
  const xml = renderJunit(fixtureSummary('aborted'));
  assert.match(xml, /<property name="status" value="aborted"\/>/);
  assert.match(xml, /<property name="verdict" value="INCOMPLETE"\/>/);
});

test('hostile strings are escaped; no raw markup or control characters', () => {
  const s = fixtureSummary('hostile');
  s.thresholds[0].label += '\u0001\u001b[31m';
  const xml = renderJunit(s);
  assert.doesNotMatch(xml, /<script/);
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  assert.ok(xml.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;'));
  assert.ok(xml.includes('&quot;quoted&quot; &apos;single&apos;'));
});
