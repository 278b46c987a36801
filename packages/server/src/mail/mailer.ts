import nodemailer from 'nodemailer';
import type { Queryable } from '../db/connection-types.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail: over SMTP when SMTP_URL is set, otherwise into the outbox table vendor admins can read. */
export interface Mailer {
  readonly transport: 'smtp' | 'outbox';
  send(mail: Mail, db: Queryable): Promise<void>;
  close(): void;
}

export const DEFAULT_FROM = 'Spur <no-reply@spur.invalid>';

export function createMailer(options: { smtpUrl: string | undefined; from?: string }): Mailer {
  if (!options.smtpUrl) {
    return {
      transport: 'outbox',
      async send(mail, db) {
        await db.query('insert into mail_outbox (to_address, subject, body_text) values ($1, $2, $3)', [
          mail.to,
          mail.subject,
          mail.text,
        ]);
      },
      close() {},
    };
  }
  const transporter = nodemailer.createTransport(options.smtpUrl);
  const from = options.from ?? DEFAULT_FROM;
  return {
    transport: 'smtp',
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {
      transporter.close();
    },
  };
}
