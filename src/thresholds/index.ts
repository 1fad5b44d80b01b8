// Public surface of thresholds: parse, validate, load, evaluate, describe.
export type { ThresholdMap, ThresholdSpec } from '../contracts/threshold-types.ts';
export { parseExpression, type Aggregation, type Operator, type ParsedExpression, type ExpressionError, type ExpressionErrorKind } from './expression.ts';
export { parseMetricKey, type MetricKey, type MetricKeyError } from './metric-key.ts';
export { AGGREGATIONS_BY_TYPE, aggregationAllowed } from './rules.ts';
export { checkThresholds, validateThresholds, compileThresholds, mergeThresholds, type CompiledThreshold, type ThresholdSource, type CheckResult } from './validate.ts';
export { loadThresholdsFile, parseThresholdsJson } from './load.ts';
export { deriveLabel, unitFor } from './labels.ts';
export { ThresholdEvaluator, compare } from './evaluator.ts';
export { RollingMax, combineSecond } from './sustained.ts';
export { describeOutcome, summaryThresholds, type ThresholdOutcome } from './outcome.ts';
