/** JSON schema pieces the routes share. */
export const subscriptionIdParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

export const emailString = { type: 'string', minLength: 1, maxLength: 320 } as const;

export const permissionList = { type: 'array', minItems: 1, maxItems: 4, uniqueItems: true, items: { type: 'string', enum: ['assign', 'view', 'quantity', 'billing'] } } as const;

export const languageString = { type: 'string', maxLength: 35, description: 'Language of emails sent by this call (en, fr, de)' } as const;

/** Query numbers arrive as text; validation is strict, so routes parse them from these patterns. */
export const integerText = { type: 'string', pattern: '^[0-9]{1,9}$' } as const;

export function parseInteger(value: string | undefined, fallback: number, max: number): number {
  return value === undefined ? fallback : Math.min(Number(value), max);
}

export function parseTime(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Date.parse(value);
}

export const isoDateTime = { type: 'string', format: 'date-time' } as const;
