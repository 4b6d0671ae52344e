// src/init/personal-fields.ts
var PERSONAL_KINDS = {
  'conversation-content': {
    name: 'Conversation content',
    description: 'Messages, prompts and other text users write.',
  },
  'contact-details': {
    name: 'Contact details',
    description: 'Email addresses, phone numbers and postal addresses.',
  },
  names: {
    name: 'Names',
    description: "People's names.",
  },
};
var PERSONAL_FIELD_WORDS = {
  message: 'conversation-content',
  messages: 'conversation-content',
  content: 'conversation-content',
  contents: 'conversation-content',
  prompt: 'conversation-content',
  prompts: 'conversation-content',
  completion: 'conversation-content',
  completions: 'conversation-content',
  text: 'conversation-content',
  body: 'conversation-content',
  email: 'contact-details',
  emails: 'contact-details',
  phone: 'contact-details',
  address: 'contact-details',
  name: 'names',
};
function splitWords(identifier) {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}
function classifyFieldName(name) {
  for (const word of splitWords(name)) {
    const kind = PERSONAL_FIELD_WORDS[word];
    if (kind !== void 0) return { kind, word };
  }
  return void 0;
}
function toPolicyId(value) {
  const id = splitWords(value).join('-');
  return /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id) && id.length <= 64 ? id : void 0;
}

export { classifyFieldName, PERSONAL_KINDS, splitWords, toPolicyId };
//# sourceMappingURL=chunk-RLRRM5WI.js.map
