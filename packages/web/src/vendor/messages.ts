import type { MessageTree } from '../i18n/catalog.ts';
import type { LanguageCode } from '../i18n/languages.ts';
import ar from '../i18n/locales/vendor/ar.json' with { type: 'json' };
import de from '../i18n/locales/vendor/de.json' with { type: 'json' };
import en from '../i18n/locales/vendor/en.json' with { type: 'json' };
import es from '../i18n/locales/vendor/es.json' with { type: 'json' };
import fr from '../i18n/locales/vendor/fr.json' with { type: 'json' };
import it from '../i18n/locales/vendor/it.json' with { type: 'json' };
import nl from '../i18n/locales/vendor/nl.json' with { type: 'json' };
import pl from '../i18n/locales/vendor/pl.json' with { type: 'json' };
import sv from '../i18n/locales/vendor/sv.json' with { type: 'json' };

/** The i18next namespace of the vendor console: its own files, so other areas never edit them. */
export const VENDOR_NAMESPACE = 'vendor';

export const vendorCatalog: Record<LanguageCode, MessageTree> = { en, de, fr, es, it, nl, sv, pl, ar };
