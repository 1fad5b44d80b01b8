// Module resolve hook (module.register), used only when loadcert runs from its sources (a checkout): a
// scenario's `import ... from 'loadcert'` gets the sources of the loadcert that runs it (data.index), not
// the package's exports, which point at the compiled dist/ of a packed loadcert.
let index;

/** Receives { index: URL of src/index.ts }. */
export function initialize(data) {
  index = data.index;
}

/** 'loadcert' -> loadcert's own src/index.ts; every other specifier as the next hook resolves it. */
export async function resolve(specifier, context, next) {
  if (specifier === 'loadcert') return next(index, context);
  return next(specifier, context);
}
