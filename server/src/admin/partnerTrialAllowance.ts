/**
 * The vendor approves a partner's trial seats:
 *   npm run partner:trial-allowance -- <advisor code> <seats|default>
 * (in production: node build/server/src/admin/partnerTrialAllowance.js …), with the server's
 * environment (DATABASE_URL, or DATA_DIR for SQLite). See ../partners/trialAllowance.ts for why this is a command.
 */
import path from 'node:path';
import { loadConfig } from '../config.js';
import { DATABASE_FILE } from '../services.js';
import { setPartnerTrialAllowance } from '../partners/trialAllowance.js';
import { UnitOfWork } from '../storage/unitOfWork.js';

const [advisorCode, raw] = process.argv.slice(2);
if (!advisorCode || !raw || !(raw === 'default' || /^\d+$/.test(raw))) {
  console.error('Usage: npm run partner:trial-allowance -- <advisor code> <seats|default>');
  process.exit(2);
}
const config = loadConfig();
const uow = await UnitOfWork.open({
  databaseUrl: config.database.url,
  sqliteFile: path.join(config.dataDir, DATABASE_FILE),
  poolSize: 1,
});
try {
  const result = await setPartnerTrialAllowance(uow, advisorCode, raw === 'default' ? null : Number(raw), Date.now());
  const seats = result.seats ?? config.trials.partnerSeatAllowance;
  console.log(
    `${result.name} (${advisorCode}) may give ${seats} trial seats in total${result.seats === null ? ' (the configured default)' : ''}; ${result.given} given so far.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await uow.close();
}
