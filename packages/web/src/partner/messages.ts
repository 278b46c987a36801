import type { MessageTree } from '../i18n/catalog.ts';
import type { LanguageCode } from '../i18n/languages.ts';
import ar from '../i18n/locales/partner/ar.json' with { type: 'json' };
import de from '../i18n/locales/partner/de.json' with { type: 'json' };
import en from '../i18n/locales/partner/en.json' with { type: 'json' };
import es from '../i18n/locales/partner/es.json' with { type: 'json' };
import fr from '../i18n/locales/partner/fr.json' with { type: 'json' };
import it from '../i18n/locales/partner/it.json' with { type: 'json' };
import nl from '../i18n/locales/partner/nl.json' with { type: 'json' };
import pl from '../i18n/locales/partner/pl.json' with { type: 'json' };
import sv from '../i18n/locales/partner/sv.json' with { type: 'json' };

/** The i18next namespace of the partner pages: their own files, so other areas never edit them. */
export const PARTNER_NAMESPACE = 'partner';

export const partnerCatalog: Record<LanguageCode, MessageTree> = { en, de, fr, es, it, nl, sv, pl, ar };
