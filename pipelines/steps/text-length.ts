import { z } from 'zod';
import { defineFilter } from '../engine/filter.js';
import { LENGTH, signalSpec } from '../engine/signals.js';

/** Keeps documents whose text length (in characters) lies within bounds: the simplest useful rule. */
export const textLength = defineFilter({
  name: 'text_length',
  description: 'Drop documents shorter than min_chars or longer than max_chars characters.',
  options: z
    .object({
      min_chars: z.number().int().min(0).default(1).describe('shortest text kept, in characters'),
      max_chars: z.number().int().positive().optional().describe('longest text kept, in characters (no limit by default)'),
    })
    .strict(),
  setup(o) {
    return {
      signals: { length: signalSpec(LENGTH, { min: o.min_chars, max: o.max_chars ?? null }) },
      check: (doc, signals) => {
        const n = doc.text.length;
        signals.record('length', n);
        if (n < o.min_chars) return 'too_short';
        if (o.max_chars !== undefined && n > o.max_chars) return 'too_long';
        return true;
      },
    };
  },
});
