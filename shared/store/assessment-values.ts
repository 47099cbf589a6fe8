// The values both assessment writes of a parcel set and check (the first, ParcelStore.recordAssessment, and a
// re-screen's, parcel-reassessment.ts): the assessment, its time and history entries, the version and history length
// it was read at, and the customs response where the engine issues one.
import type { AssessmentRecord } from '../parcels/parcel';

export function assessmentValues(args: Omit<AssessmentRecord, 'recipient'>): Record<string, unknown> {
  const response = args.customsResponse;
  return {
    ':a': args.assessment,
    ':at': args.assessment.assessedAt,
    ':h': args.history,
    ':v': args.version,
    ':n': args.historyLength,
    ...(response ? { ':r': response, ':code': response.code } : {}),
  };
}
