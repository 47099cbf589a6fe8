export * from './errors';
export * from './schema';
export { validateDeclaration, validateWith, type ValidationResult, MAX_ERRORS } from './validate';
export { normaliseItemId, s10CheckDigit, s10Error } from './s10';
