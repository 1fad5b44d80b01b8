// Promises on the request path without an executor closure per promise: one shared executor keeps the
// resolve function of the promise being constructed, and the caller takes it right after.

let last: ((value: never) => void) | undefined;

/** A Promise executor that keeps its resolve function for takeResolve; shared by every promise. */
export function captureResolve(resolve: (value: never) => void): void {
  last = resolve;
}

/** The resolve function of the promise constructed last with captureResolve (call it right after `new Promise(captureResolve)`). */
export function takeResolve<T>(): (value: T | PromiseLike<T>) => void {
  const r = last as unknown as (value: T | PromiseLike<T>) => void;
  last = undefined;
  return r;
}
