/** The IsoFLOP sweep planner (specs/app.md): options, design, closed form, Monte Carlo, table, output. */
export * from './options.ts';
export * from './design.ts';
export * from './closed-form.ts';
export * from './monte-carlo.ts';
export * from './plan.ts';
export * from './format.ts';
