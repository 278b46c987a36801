import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';

interface Received {
  from: string;
  to: string[];
  data: string;
}

describe(`outgoing mail on ${testDriver}`, () => {
  let db: TestDb;
  let server: SMTPServer;
  let port: number;
  const received: Received[] = [];

  beforeAll(async () => {
    db = await createTestDb();
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db?.destroy();
  });

  it('sends over SMTP when SMTP_URL is set and keeps nothing in the outbox', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}` });
    await mailer.send({ to: 'rep@res-a.example', subject: 'Reset your Spur password', text: 'the link' }, db);
    mailer.close();
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['rep@res-a.example']);
    expect(received[0]!.data).toContain('Subject: Reset your Spur password');
    expect(received[0]!.data).toContain('the link');
    const { rows } = await db.query('select 1 from mail_outbox');
    expect(rows).toEqual([]);
  });

  it('keeps mails in the outbox table when no SMTP server is configured', async () => {
    const mailer = createMailer({ smtpUrl: undefined });
    expect(mailer.transport).toBe('outbox');
    await mailer.send({ to: 'admin@res-a.example', subject: 'You are invited to Spur', text: 'the link' }, db);
    const { rows } = await db.query('select to_address, subject, body_text from mail_outbox');
    expect(rows).toEqual([
      { to_address: 'admin@res-a.example', subject: 'You are invited to Spur', body_text: 'the link' },
    ]);
  });

  it('mails a password reset link through the SMTP server when the API is configured with one', async () => {
    await db.query(
      "insert into users (user_id, partner_id, email, name, language, role) values ('U-SMTP', null, 'finance@vendor.example', 'Fin', 'en', 'finance')",
    );
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}` });
    const app = await buildApp({ db, logLevel: 'silent', mailer, publicUrl: 'https://spur.example' });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { email: 'Finance@Vendor.example' },
      });
      expect(response.statusCode).toBe(202);
    } finally {
      await app.close();
    }
    const mail = received.at(-1)!;
    expect(mail.to).toEqual(['finance@vendor.example']);
    // The body is quoted-printable: undo soft line breaks and the encoded '='.
    const body = mail.data.replace(/=\r\n/g, '').replace(/=3D/g, '=');
    expect(body).toMatch(/https:\/\/spur\.example\/reset-password\?token=[A-Za-z0-9_-]+/);
  });
});
