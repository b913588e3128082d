/**
 * The license signing keys the instances share in PostgreSQL (../licenseCheck/signingKeys.ts):
 *   npm run license:keys -- list
 *   npm run license:keys -- rotate [--lead-minutes 120]
 *   npm run license:keys -- retire <kid>
 * (in production: node build/server/src/admin/licenseSigningKeys.js …), with the instances'
 * DATABASE_URL. A rotated key is published at once by every instance (each reads the keys again
 * every minute) and signs only after the lead time, so that every key set a pane or browser cached
 * (up to an hour: /.well-known/jwks.json's max-age) has it before a token needs it. Retire the old
 * key once the tokens it signed have expired (LICENSE_TOKEN_TTL_DAYS after the new one signs).
 * Configured keys (LICENSE_SIGNING_KEYS) and SQLite's key file are rotated by editing them: see
 * the README.
 */
import { loadConfig } from '../config.js';
import { newSigningJwk } from '../licenseCheck/signingKeys.js';
import { UnitOfWork } from '../storage/unitOfWork.js';

const [command, ...rest] = process.argv.slice(2);
const usage = 'Usage: npm run license:keys -- list | rotate [--lead-minutes <minutes>] | retire <kid>';
const config = loadConfig();
if (!config.database.url || config.license.signingKeysJson !== null) {
  console.error(
    'The license signing keys are in the database only with DATABASE_URL and without LICENSE_SIGNING_KEYS; rotate configured keys or the key file as the README says.',
  );
  process.exit(2);
}
const uow = await UnitOfWork.open({ databaseUrl: config.database.url, poolSize: 1 });
const at = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString());
try {
  const now = Date.now();
  if (command === 'list') {
    for (const key of await uow.read.signingKeys.all())
      console.log(
        `${key.kid}  created ${at(key.createdAt)}  signs from ${at(key.signsFrom)}  retired ${at(key.retiredAt)}`,
      );
  } else if (command === 'rotate') {
    const leadIndex = rest.indexOf('--lead-minutes');
    const lead = leadIndex >= 0 ? Number(rest[leadIndex + 1]) : 120;
    if (!Number.isInteger(lead) || lead < 0 || lead > 100_000)
      throw new Error('--lead-minutes takes a whole number of minutes.');
    const jwk = await newSigningJwk();
    const signsFrom = now + lead * 60_000;
    await uow.transaction((tx) =>
      tx.signingKeys.insert({
        kid: jwk.kid!,
        privateJwk: JSON.stringify(jwk),
        createdAt: now,
        signsFrom,
        retiredAt: null,
      }),
    );
    console.log(
      `Added ${jwk.kid}: every instance publishes it within a minute and signs with it from ${at(signsFrom)}.`,
    );
  } else if (command === 'retire' && rest[0]) {
    const kid = rest[0];
    await uow.transaction(async (tx) => {
      const keys = await tx.signingKeys.current(now);
      if (!keys.some((key) => key.kid !== kid && key.signsFrom <= now))
        throw new Error(`${kid} is the only key that signs now: rotate first, and retire it once the new one signs.`);
      if (!(await tx.signingKeys.retire(kid, now))) throw new Error(`No published key has the kid ${kid}.`);
    });
    console.log(`Retired ${kid}: instances stop publishing it within a minute; tokens it signed no longer verify.`);
  } else {
    console.error(usage);
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await uow.close();
}
