import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DATABASE_ERROR, LOG_OPTIONS, describeError } from './logger';

/** What the database layer hands up: knex prefixes the statement (values inlined by MikroORM). */
function databaseError(): Error {
  const error = Object.assign(new Error(`select * from "scheduling"."patient" where "last_name" ilike '%Okonkwo%' - unterminated quoted string at or near "'%Okonkwo"`), {
    code: '42601',
    detail: 'Key (mrn)=(MRN0012345) already exists.',
    constraint: 'patient_client_id_mrn_key',
    table: 'patient',
    schema: 'scheduling',
    severity: 'ERROR',
  });
  return error;
}

describe('describing an error for the log', () => {
  it('tells a database error by SQLSTATE and constraint, never by its statement, message or detail', () => {
    const described = describeError(databaseError());
    expect(described).toEqual({ type: 'Error', sqlState: '42601', severity: 'ERROR', schema: 'scheduling', table: 'patient', constraint: 'patient_client_id_mrn_key' });
    expect(JSON.stringify(described)).not.toMatch(/Okonkwo|MRN0012345|select/);
  });

  it('treats an error marked at the connection as a database error even without a SQLSTATE', () => {
    const error = new Error(`update "scheduling"."appointment" set "cancel_reason" = 'Fell at home' - Connection terminated`);
    Object.defineProperty(error, DATABASE_ERROR, { value: true });
    expect(JSON.stringify(describeError(error))).not.toContain('Fell at home');
  });

  it('keeps message and stack of our own errors, and describes their cause the same way', () => {
    const described = describeError(Object.assign(new Error('commit failed'), { cause: databaseError() }));
    expect(described.message).toBe('commit failed');
    expect(described.stack).toContain('commit failed');
    expect(JSON.stringify(described.cause)).not.toContain('Okonkwo');
  });
});

describe('the logger', () => {
  it('redacts submitted text and credentials wherever they appear', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk, _encoding, done) => {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino(LOG_OPTIONS, sink);
    log.info({ input: { reason: 'Family emergency' }, req: { headers: { authorization: 'Bearer igk_x' } }, search: 'Okonkwo' }, 'cancelled');
    log.error({ err: databaseError() }, 'failed');
    const output = lines.join('');
    expect(output).toContain('cancelled');
    expect(output).toContain('42601');
    expect(output).not.toMatch(/Family emergency|igk_x|Okonkwo|MRN0012345/);
  });
});
