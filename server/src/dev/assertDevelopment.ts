/** Every development stand-in calls this first: none of them may run in production. */
export function assertDevelopment(what: string): void {
  if (process.env.NODE_ENV === 'production') {
    throw new Error(`${what} is for development only and refuses to run with NODE_ENV=production.`);
  }
}
