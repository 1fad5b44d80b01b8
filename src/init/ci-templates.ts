// The CI files `loadcert init` writes (also kept in examples/ci/): run, gate on the verdict and on regressions, keep the report.

/** Where init writes each CI file, relative to the project folder. */
export const CI_PATHS = { github: '.github/workflows/loadcert.yml', gitlab: '.gitlab-ci.yml' } as const;

/** GitHub Actions workflow: the job fails on every verdict but CERTIFIED and on a regression beyond noise. */
export const GITHUB_WORKFLOW = `# loadcert certification gate (written by \`loadcert init\`; loadcert keeps it in examples/ci/).
# Runs the smoke scenario, fails the job on every verdict but CERTIFIED (any non-zero exit) and on a
# regression beyond run-to-run noise against the main branch's last certified run, shows summary.md as the
# job summary, publishes junit.xml and keeps report.html and summary.json as artefacts. Certified runs of
# main are published to a history (index.html) kept in the Actions cache and uploaded as an artefact.
# Start your system under test before "Run and certify" (e.g. docker compose up -d --wait) and give its
# origin in LOADCERT_RUN_ARGS (--base-url http://127.0.0.1:8080), or set it to --demo-target to try this.
name: loadcert

on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:

permissions:
  contents: read
  checks: write

jobs:
  certify:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    env:
      LOADCERT_SCENARIO: scenarios/smoke.ts
      LOADCERT_MAX_REGRESSION: "10"
      LOADCERT_RUN_ARGS: ""
      LOADCERT_OUT: reports/ci
      LOADCERT_HISTORY: .loadcert/history
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Install
        run: npm ci
      - name: Restore the history of certified runs (main branch)
        uses: actions/cache/restore@v4
        with:
          path: .loadcert/history
          key: loadcert-history-\${{ github.run_id }}
          restore-keys: loadcert-history-
      - name: Run and certify
        id: run
        run: |
          set +e
          npx loadcert run "$LOADCERT_SCENARIO" --out "$LOADCERT_OUT" $LOADCERT_RUN_ARGS
          echo "code=$?" >> "$GITHUB_OUTPUT"
      - name: Compare with the last certified run
        id: compare
        if: always()
        run: |
          set +e
          npx loadcert compare --baseline-from "$LOADCERT_HISTORY" "$LOADCERT_OUT" --max-regression "$LOADCERT_MAX_REGRESSION" > "$RUNNER_TEMP/compare.txt" 2>&1
          code=$?
          cat "$RUNNER_TEMP/compare.txt"
          { echo '### Compared with the last certified run'; echo '\`\`\`'; cat "$RUNNER_TEMP/compare.txt"; echo '\`\`\`'; } >> "$GITHUB_STEP_SUMMARY"
          echo "code=$code" >> "$GITHUB_OUTPUT"
      - name: Publish JUnit results
        if: always()
        uses: mikepenz/action-junit-report@v4
        with:
          report_paths: reports/ci/junit.xml
      - name: Keep the report
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: loadcert-report
          path: |
            reports/ci/report.html
            reports/ci/summary.json
            reports/ci/summary.md
            reports/ci/junit.xml
      - name: Gate on the verdict and on regressions
        if: always()
        env:
          RUN_CODE: \${{ steps.run.outputs.code }}
          COMPARE_CODE: \${{ steps.compare.outputs.code }}
        run: |
          echo "loadcert run exit $RUN_CODE (0 = CERTIFIED), compare exit $COMPARE_CODE (0 = no regression, 99 = regression, 114 = cannot tell)"
          if [ "$COMPARE_CODE" = 114 ]; then echo "::error::CANNOT TELL: the runs have too few samples to show whether this build is more than $LOADCERT_MAX_REGRESSION % worse. Run the scenario longer (compare prints the samples needed per row) or raise LOADCERT_MAX_REGRESSION to the limit it prints."; fi
          if [ "$RUN_CODE" != 0 ]; then exit "$RUN_CODE"; fi
          if [ "$COMPARE_CODE" != 0 ]; then exit "$COMPARE_CODE"; fi
      - name: Publish to the history
        if: github.ref == 'refs/heads/main'
        run: npx loadcert publish "$LOADCERT_OUT" "$LOADCERT_HISTORY"
      - name: Save the history
        if: github.ref == 'refs/heads/main'
        uses: actions/cache/save@v4
        with:
          path: .loadcert/history
          key: loadcert-history-\${{ github.run_id }}
      - name: Keep the history page
        if: github.ref == 'refs/heads/main'
        uses: actions/upload-artifact@v4
        with:
          name: loadcert-history
          path: .loadcert/history
`;

/** GitLab CI: the same gate; JUnit report and artefacts; the history cached from the default branch. */
export const GITLAB_CI = `# loadcert certification gate (written by \`loadcert init\`; loadcert keeps it in examples/ci/).
# Fails the job on every verdict but CERTIFIED (any non-zero exit) and on a regression beyond run-to-run
# noise against the default branch's last certified run; junit.xml as the test report; report.html and
# summary.json kept as artefacts; certified runs of the default branch published to .loadcert/history.
# Start your system under test first and give its origin in LOADCERT_RUN_ARGS (--base-url URL).
stages:
  - certify

variables:
  LOADCERT_SCENARIO: scenarios/smoke.ts
  LOADCERT_MAX_REGRESSION: "10"
  LOADCERT_RUN_ARGS: ""
  LOADCERT_OUT: reports/ci
  LOADCERT_HISTORY: .loadcert/history

loadcert:
  stage: certify
  image: node:20
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
      variables:
        LOADCERT_PUBLISH: "1"
        LOADCERT_CACHE_POLICY: pull-push
    - when: on_success
      variables:
        LOADCERT_PUBLISH: "0"
        LOADCERT_CACHE_POLICY: pull
  cache:
    key: loadcert-history
    paths:
      - .loadcert/history/
    policy: $LOADCERT_CACHE_POLICY
  script:
    - npm ci
    - |
      set +e
      npx loadcert run "$LOADCERT_SCENARIO" --out "$LOADCERT_OUT" $LOADCERT_RUN_ARGS
      run_code=$?
      npx loadcert compare --baseline-from "$LOADCERT_HISTORY" "$LOADCERT_OUT" --max-regression "$LOADCERT_MAX_REGRESSION"
      compare_code=$?
      set -e
      echo "loadcert run exit $run_code (0 = CERTIFIED), compare exit $compare_code (0 = no regression, 99 = regression, 114 = cannot tell)"
      if [ "$compare_code" = 114 ]; then echo "CANNOT TELL: the runs have too few samples to show whether this build is more than $LOADCERT_MAX_REGRESSION % worse. Run the scenario longer (compare prints the samples needed per row) or raise LOADCERT_MAX_REGRESSION to the limit it prints."; fi
      if [ "$run_code" != 0 ]; then exit "$run_code"; fi
      if [ "$compare_code" != 0 ]; then exit "$compare_code"; fi
      if [ "$LOADCERT_PUBLISH" = 1 ]; then npx loadcert publish "$LOADCERT_OUT" "$LOADCERT_HISTORY"; fi
  artifacts:
    when: always
    paths:
      - reports/ci/report.html
      - reports/ci/summary.json
      - reports/ci/summary.md
      - reports/ci/junit.xml
      - .loadcert/history/
    reports:
      junit: reports/ci/junit.xml
`;
