// junit.xml: one testcase per threshold, failures carrying measured vs target, outside text escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderJunit } from '../../../src/report/junit.ts';
import { fixtureSummary } from './helpers.ts';

const testcases = (xml: string): string[] => [...xml.matchAll(/<testcase [\s\S]*?<\/testcase>/g)].map((m) => m[0]);

test('one testcase per threshold in file order; failures carry measured vs target', () => {
  const s = fixtureSummary('failing');
  const xml = renderJunit(s);
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
  assert.match(xml, /<testsuites name="loadcert" tests="5" failures="3" errors="0" skipped="0" time="75.000">/);
  assert.match(xml, /<testsuite name="loadcert: sprint4-capacity" tests="5" failures="3"/);
  const cases = testcases(xml);
  assert.equal(cases.length, s.thresholds.length);
  s.thresholds.forEach((t, i) => assert.ok(cases[i].includes(`${t.metric} ${t.expression.replace(/</g, '&lt;').replace(/>/g, '&gt;')}`), `case ${i}`));
  assert.match(cases[0], /<failure type="threshold" message="measured 2,430 ms, target &lt; 2,000 ms">/);
  assert.match(cases[1], /<failure type="threshold" message="measured 1.23 %, target &lt; 0.50 %">/);
  assert.doesNotMatch(cases[2], /<failure/);
  assert.match(cases[4], /<failure type="not-measured" message="not measured: no data, target &lt; 500 ms">/);
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
