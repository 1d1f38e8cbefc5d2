/** The features as cucumber compiles them: kit/pickles.ts (the After hook uses them too). */
export * from '../kit/pickles';
