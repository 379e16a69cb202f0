// The mails a person chooses to receive (on their profile page): one checkbox per optional kind, saved as soon as it
// changes (mail.prefs.set); invitations and account mails are always sent. Each such mail also carries a one-click
// link that turns its kind off.
import { t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { el, statusLine } from '../dom.js';

/** The card for `prefs` (mail.prefs.get's reply). */
export function mailCard(socket, prefs) {
  const status = statusLine('note');
  status.id = 'profile-mail-status';
  const items = (prefs.topics ?? []).map(({ topic, on }) => {
    const input = el('input', { type: 'checkbox', id: `profile-mail-${topic}`, name: 'mail', value: topic, checked: on });
    input.addEventListener('change', async () => {
      input.disabled = true;
      status.textContent = t('meetings.saving');
      try {
        const reply = await socket.request('mail.prefs.set', { topic, on: input.checked });
        input.checked = reply.topics?.find((x) => x.topic === topic)?.on ?? input.checked;
        status.textContent = t('lounge.mail.saved');
      } catch (error) {
        input.checked = !input.checked;
        status.textContent = errorMessage(error);
      } finally { input.disabled = false; }
    });
    return el('li', { className: 'check' }, input, el('label', { htmlFor: input.id, textContent: t(`lounge.mail.${topic}`) }));
  });
  const box = el('fieldset', { className: 'checks', id: 'profile-mail' }, el('legend', { textContent: t('lounge.mail.title') }),
    el('p', { className: 'hint', textContent: t('lounge.mail.hint') }), el('ul', {}, ...items));
  return el('section', { className: 'card' }, box, status);
}
