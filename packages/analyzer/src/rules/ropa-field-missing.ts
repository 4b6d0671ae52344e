import { isThirdCountry, pointerOf, purposeLabel, sortedEntries } from '../policy-facts.js';
import { defineRule } from './define-rule.js';

/** The record of processing would lack a field GDPR Art. 30(1) asks for. */
export const ropaFieldMissing = defineRule({
  id: 'ropa-field-missing',
  meta: {
    description:
      'The policy must give what the record of processing needs under GDPR Art. 30(1)(a)–(g): contact details, purposes, subjects and categories, recipients, transfers with their safeguards, and security measures. Retention, Art. 30(1)(f), is checked by retention-missing.',
    severity: 'warning',
    securitySeverity: 4.5,
    citations: [
      'GDPR Art. 30(1): the record of processing activities and its contents (a) to (g)',
      'GDPR Art. 30(4): the record is made available to the supervisory authority on request',
      'CNIL, "Le registre des activités de traitement" (template of the record)',
      'ICO, "Documentation" (Guide to accountability and governance) and its controller template',
    ],
  },
  messages: {
    controllerContact:
      'The controller has no contact details. The record must give the name and contact details of the controller (GDPR Art. 30(1)(a)). Add email, phone, address or url under controller.',
    dpo: 'The controller names no data protection officer. Where one is designated, the record must give their name and contact details (GDPR Art. 30(1)(a), Art. 37). Add controller.dpo, or ignore this note if no DPO is required.',
    subjects:
      'Purpose {purpose} lists no categories of data subjects. The record must describe them (GDPR Art. 30(1)(c)). List the subjects the purpose concerns.',
    categories:
      'Purpose {purpose} lists no categories of personal data. The record must describe them (GDPR Art. 30(1)(c)). List the categories the purpose processes.',
    recipients:
      'Purpose {purpose} does not say who receives the data. The record must give the categories of recipients (GDPR Art. 30(1)(d)). List them under recipients, or write recipients: [] if the data stays with the controller.',
    transfer:
      'Recipient {recipient} of purpose {purpose} is in {country}, outside the EEA, but the purpose records no transfer to {country}. The record must identify transfers to third countries and their safeguards (GDPR Art. 30(1)(e), Chapter V). Add a transfer with its safeguard.',
    derogation:
      'The transfer of purpose {purpose} to {country} relies on a derogation but documents no safeguards. For transfers under Art. 49(1), second subparagraph, the record must document the suitable safeguards (GDPR Art. 30(1)(e)). Add documentation.',
    securityMeasures:
      'Purpose {purpose} lists no technical and organisational security measures. The record should describe them where possible (GDPR Art. 30(1)(g), Art. 32(1)). List them under securityMeasures.',
  },
  create(context) {
    return {
      policy({ policy }) {
        const { controller } = policy;
        const contact = [controller.email, controller.phone, controller.address, controller.url];
        if (contact.every((value) => value === undefined)) {
          context.report({ messageId: 'controllerContact', pointer: '/controller/name' });
        }
        if (controller.dpo === undefined) {
          context.report({ messageId: 'dpo', pointer: '/controller/name', severity: 'note' });
        }
        for (const [purposeId, purpose] of sortedEntries(policy.purposes)) {
          const data = { purpose: purposeLabel(purposeId, purpose) };
          const at = (...segments: (string | number)[]) =>
            pointerOf('purposes', purposeId, ...segments);
          const common = { purpose: purposeId };
          if (purpose.subjects.length === 0) {
            context.report({ messageId: 'subjects', pointer: at('subjects'), data, ...common });
          }
          if (purpose.categories.length === 0) {
            context.report({ messageId: 'categories', pointer: at('categories'), data, ...common });
          }
          if (purpose.recipients === undefined) {
            context.report({
              messageId: 'recipients',
              pointer: at('description'),
              severity: 'note',
              data,
              ...common,
            });
          }
          const transferred = new Set(
            (purpose.transfers ?? []).map((transfer) => transfer.country),
          );
          (purpose.recipients ?? []).forEach((recipient, index) => {
            if (recipient.country === undefined || !isThirdCountry(recipient.country)) return;
            if (transferred.has(recipient.country)) return;
            context.report({
              messageId: 'transfer',
              pointer: at('recipients', index, 'country'),
              data: { ...data, recipient: recipient.name, country: recipient.country },
              ...common,
            });
          });
          (purpose.transfers ?? []).forEach((transfer, index) => {
            if (transfer.safeguard !== 'derogation' || transfer.documentation !== undefined) return;
            context.report({
              messageId: 'derogation',
              pointer: at('transfers', index, 'safeguard'),
              data: { ...data, country: transfer.country },
              ...common,
            });
          });
          if ((purpose.securityMeasures ?? []).length === 0) {
            context.report({
              messageId: 'securityMeasures',
              pointer: at(
                purpose.securityMeasures === undefined ? 'description' : 'securityMeasures',
              ),
              data,
              ...common,
            });
          }
        }
      },
    };
  },
});
