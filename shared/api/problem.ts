// RFC 9457 problem details: the one shape of every error answer of the API.
import * as z from 'zod';
import { VALIDATION_CODES } from '../ead/errors';

export const ProblemError = z.strictObject({
  pointer: z.string().meta({ description: 'RFC 6901 JSON pointer into the request body' }),
  code: z.enum(VALIDATION_CODES),
  detail: z.string(),
});

export const Problem = z
  .object({
    type: z.string().meta({ description: 'A URI reference naming the problem type', examples: ['https://ead.example/problems/invalid-declaration'] }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().meta({ description: 'Stable machine code of the problem' }),
    errors: z.array(ProblemError).max(50).optional().meta({ description: 'The validation errors found, at most the first 50 (errorCount says how many there were)' }),
    errorCount: z.number().int().nonnegative().optional().meta({ description: 'How many validation errors were found (counting stops at 1000); errors lists at most the first 50' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

export type Problem = z.infer<typeof Problem>;
