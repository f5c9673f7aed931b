// Public surface of the query module; import from here rather than the individual files.
export * from './ast.js';
export * from './parse-query.js';
export * from './evaluate-query.js';
