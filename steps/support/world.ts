/**
 * IpcWorld: what one scenario owns. The tracker releases every resource in
 * After; evidence collects the values a claim's verdict is read from; the
 * transcript keeps what each fixture said, attached when a scenario fails.
 */
import { Before, IWorldOptions, setDefaultTimeout, setWorldConstructor, World } from '@cucumber/cucumber';
import { SysResult } from '../../native/libc';
import { scaled } from '../../native/time-scale';
import { allureParameter } from './allure';
import { Evidence } from './evidence';
import { FixtureContext, FixtureOptions, FixtureRun, FixtureSession, runFixture, startFixture } from './fixtures';
import { ResourceTracker } from './tracker';

/** A value an earlier step of the scenario must have set; a missing one is a kit error in the feature. */
export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`this scenario has no ${what} yet`);
  return value;
}

export class IpcWorld extends World implements FixtureContext {
  tracker = new ResourceTracker();
  evidence = new Evidence(allureParameter);
  transcript: FixtureRun[] = [];
  /** the last call the scenario made, for "the call fails with ..." */
  last?: SysResult;
  /** the last fixture run, for steps that read its events */
  run?: FixtureRun;
  /** mechanism state: each mechanism's steps keep their objects here, by role */
  objects = new Map<string, unknown>();
  /** the scenario running (set by a Before hook): where and what, for the skips strict admits */
  scenario?: { uri: string; name: string };

  constructor(options: IWorldOptions) {
    super(options);
  }

  async fixture(name: string, args: Array<string | number> = [], opts: FixtureOptions = {}): Promise<FixtureRun> {
    this.run = await runFixture(this, name, args.map(String), opts);
    return this.run;
  }

  session(name: string, args: Array<string | number> = [], opts: FixtureOptions = {}): FixtureSession {
    return startFixture(this, name, args.map(String), opts);
  }

  /** The result of the last call; a step that reads it before any call is a kit bug. */
  lastCall(): SysResult {
    if (!this.last) throw new Error('no call has been made in this scenario yet');
    return this.last;
  }

  lastRun(): FixtureRun {
    if (!this.run) throw new Error('no fixture has run in this scenario yet');
    return this.run;
  }

  keep<T>(role: string, value: T): T {
    this.objects.set(role, value);
    return value;
  }

  get<T>(role: string): T {
    if (!this.objects.has(role)) throw new Error(`this scenario has no ${role} yet`);
    return this.objects.get(role) as T;
  }
}

setWorldConstructor(IpcWorld);
Before(function (this: IpcWorld, { pickle }) {
  this.scenario = { uri: pickle.uri, name: pickle.name };
});
setDefaultTimeout(scaled(10_000));
