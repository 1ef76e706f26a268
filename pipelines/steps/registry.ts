import type { StepDefinition } from '../engine/step.js';
import { classify, toxicity } from '../../filters/classify/step.js';
import { langid } from '../../filters/langid/step.js';
import { c4 } from '../../filters/rules/c4.js';
import { c4Badwords } from '../../filters/rules/c4-badwords.js';
import { finewebQuality } from '../../filters/rules/fineweb-quality.js';
import { gopherQuality } from '../../filters/rules/gopher-quality.js';
import { gopherRepetition } from '../../filters/rules/gopher-repetition.js';
import { pii } from '../../filters/rules/pii.js';
import { exactDedup } from './dedup/exact.js';
import { minhashDedup } from './dedup/minhash.js';
import { extractStep } from './extract/index.js';
import { textLength } from './text-length.js';
import { promptSample } from '../prompts/sample-step.js';
import { promptSplit } from '../prompts/split-step.js';

/**
 * Built-in steps by YAML name. One import and one entry per step; keep the list sorted by name.
 */
const builtins: StepDefinition[] = [
  c4,
  c4Badwords,
  classify,
  exactDedup,
  extractStep,
  finewebQuality,
  gopherQuality,
  gopherRepetition,
  langid,
  minhashDedup,
  pii,
  promptSample,
  promptSplit,
  textLength,
  toxicity,
];

const registry = new Map<string, StepDefinition>(builtins.map((d) => [d.name, d]));

export function getStep(name: string): StepDefinition | undefined {
  return registry.get(name);
}

export function stepNames(): string[] {
  return [...registry.keys()].sort();
}

/** Lets plugins and tests add steps. */
export function registerStep(def: StepDefinition): void {
  registry.set(def.name, def);
}
