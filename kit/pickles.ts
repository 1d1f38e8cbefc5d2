/** The features as cucumber compiles them (one pickle a scenario or Examples row), for the consistency tests and the After hook's placeholder check. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { GherkinDocument, IdGenerator, Pickle } from '@cucumber/messages';
import { featuresDir } from './paths';

export interface Feature { uri: string; document: GherkinDocument; pickles: readonly Pickle[] }

export function features(): Feature[] {
  const newId = IdGenerator.uuid();
  return readdirSync(featuresDir).filter((f) => f.endsWith('.feature')).map((file) => {
    const uri = join('features', file);
    const document = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher()).parse(readFileSync(join(featuresDir, file), 'utf8'));
    return { uri, document, pickles: compile(document, uri, newId) };
  });
}

export const claimsOf = (tags: ReadonlyArray<{ name: string }>): string[] =>
  tags.map((t) => /^@claim:(.+)$/.exec(t.name)?.[1]).filter((id): id is string => id !== undefined);
