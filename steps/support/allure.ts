/**
 * Allure: loading allure-cucumberjs installs its runtime, so evidence recorded
 * in a step also reaches the Allure result as a parameter. Labels that need
 * the whole run (note, claim, verdict) are added afterwards by
 * kit/allure-labels.ts from the claims report.
 */
import 'allure-cucumberjs';
import { parameter } from 'allure-js-commons';

/** The runtime attaches the message at once; the promise only tells when it was handed over. */
export function allureParameter(name: string, value: string | number | boolean): void {
  void parameter(name, String(value));
}
