import type { Mail } from './mailer.ts';

/** The sign-in mails. English for now; the language machinery of the portal translates later. */
export function passwordResetMail(to: string, name: string, link: string, validHours: number): Mail {
  return {
    to,
    subject: 'Reset your Spur password',
    text: `Hello ${name},\n\nsomeone (hopefully you) asked to reset your Spur password. Choose a new one here:\n\n${link}\n\nThe link works once, for ${validHours} hour(s). If you did not ask for it, ignore this mail.\n`,
  };
}

export function invitationMail(to: string, name: string, inviter: string, link: string, validDays: number): Mail {
  return {
    to,
    subject: 'You are invited to Spur',
    text: `Hello ${name},\n\n${inviter} invited you to Spur, the partner portal. Choose your password here:\n\n${link}\n\nThe link works once, for ${validDays} days.\n`,
  };
}
