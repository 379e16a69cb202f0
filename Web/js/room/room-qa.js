// A room's questions (ask, vote once, sorted by votes then age, answered marked; hosts mark answered or hide;
// a person whose question is hidden is told, and a draft stays with its room) and polls (choice: vote, results as bars; words: up to 3 words, a live word cloud; hosts close them).
import { t } from '../i18n.js';
import { attrs, el } from '../dom.js';
import { badgeNode } from '../badge.js';
import { keepFocus } from '../program-text.js';
import { roomDrafts } from './room-drafts.js';

const byVotesThenAge = (a, b) => (b.votes - a.votes) || String(a.at).localeCompare(String(b.at)) || a.id - b.id;

export function createQuestions(ctx) {
  let questions = [];
  const heading = el('h2', { id: 'questions-title' });
  const list = el('ol', { className: 'questions', id: 'questions-list' });
  const input = el('textarea', { id: 'question-input', rows: 2, maxLength: 500 });
  const label = el('label', { htmlFor: 'question-input' });
  const error = attrs(el('p', { className: 'error' }), { role: 'alert' });
  const notice = attrs(el('p', { className: 'note', id: 'question-notice' }), { role: 'status' });
  const ask = el('button', { type: 'submit', className: 'primary', id: 'question-ask' });
  const form = el('form', { className: 'question-form', noValidate: true }, el('div', { className: 'field' }, label, input), error, ask);
  const node = el('section', { className: 'card room-questions' }, heading, form, notice, list);
  node.setAttribute('aria-labelledby', 'questions-title');
  const draft = roomDrafts(input, () => ctx.roomId);

  async function act(type, data, action) {
    error.textContent = '';
    try { return await ctx.socket.request(type, data); } catch (e) { error.textContent = ctx.roomError(e, action); return null; }
  }

  function item(q) {
    const vote = el('button', { type: 'button', id: `question-vote-${q.id}`, className: 'small vote', textContent: `▲ ${q.votes}` });
    vote.setAttribute('aria-label', q.voted ? t('room.qa.votedLabel', { count: q.votes }) : t('room.qa.voteLabel', { count: q.votes }));
    vote.setAttribute('aria-pressed', String(Boolean(q.voted)));
    vote.disabled = Boolean(q.voted);
    vote.addEventListener('click', async () => {
      const reply = await act('question.vote', { questionId: q.id }, 'vote');
      if (reply) { q.voted = true; q.votes = reply.votes ?? q.votes + 1; render(); }
    });
    const parts = [vote, el('div', { className: 'question-body' },
      el('p', { className: 'question-text', textContent: q.text }),
      el('p', { className: 'question-meta' }, q.author?.displayName || '', badgeNode(q.author),
        q.answered ? el('span', { className: 'badge answered', textContent: `✓ ${t('room.qa.answered')}` }) : '',
        q.hidden ? el('span', { className: 'badge', textContent: t('room.qa.hidden') }) : ''))];
    if (ctx.isHost() && !q.hidden) {
      const actions = el('div', { className: 'question-actions' });
      if (!q.answered) {
        const answer = el('button', { type: 'button', id: `question-answer-${q.id}`, className: 'small answer', textContent: t('room.qa.markAnswered') });
        answer.addEventListener('click', () => act('question.answer', { questionId: q.id }));
        actions.append(answer);
      }
      const hide = el('button', { type: 'button', id: `question-hide-${q.id}`, className: 'small hide', textContent: t('room.qa.hide') });
      hide.addEventListener('click', () => act('question.hide', { questionId: q.id }));
      actions.append(hide);
      parts.push(actions);
    }
    return el('li', { className: `question${q.answered ? ' is-answered' : ''}`, dataset: { id: q.id } }, ...parts);
  }

  function render() {
    heading.textContent = t('room.qa.title');
    label.textContent = t('room.qa.label');
    ask.textContent = t('room.qa.ask');
    const open = ctx.canTalk();
    input.disabled = !open;
    ask.disabled = !open;
    const shown = questions.filter((q) => !q.hidden || ctx.isHost()).sort(byVotesThenAge);
    keepFocus(list, () => {
      list.replaceChildren(...shown.map(item));
      if (!shown.length) list.append(el('li', { className: 'note', textContent: t('room.qa.empty') }));
    });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || ask.disabled) return;
    ask.disabled = true;
    const room = ctx.roomId;
    const reply = await act('question.ask', { roomId: room, text }, 'question');
    if (reply) draft.sent(room);
    ask.disabled = !ctx.canTalk();
  });

  const find = (id) => questions.find((q) => q.id === id);
  return {
    node,
    render,
    reset() { questions = []; error.textContent = ''; notice.textContent = ''; draft.restore(); },
    setSnapshot(list) {
      const voted = new Set(questions.filter((q) => q.voted).map((q) => q.id));
      questions = list.map((q) => ({ ...q, voted: q.voted || voted.has(q.id) }));
    },
    onEvent(event) {
      const d = event.data || {};
      switch (event.type) {
        case 'question.asked':
          if (d.question && !find(d.question.id)) questions.push({ ...d.question, voted: false });
          break;
        case 'question.voted': if (find(d.id)) find(d.id).votes = d.votes; break;
        case 'question.answered': if (find(d.id)) find(d.id).answered = true; break;
        case 'question.hidden': {
          const q = find(d.id);
          if (!q) break;
          q.hidden = true;
          // Theirs vanishes from their list: say why rather than let it disappear without a word.
          if (q.author?.id === ctx.me?.id && !ctx.isHost()) notice.textContent = t('room.qa.yoursHidden', { text: q.text.length > 80 ? `${q.text.slice(0, 79)}…` : q.text });
          break;
        }
        default: return false;
      }
      render();
      return true;
    },
  };
}

export function createPolls(ctx) {
  let polls = [];
  const heading = el('h2', { id: 'polls-title' });
  const list = el('div', { className: 'polls', id: 'polls-list' });
  const node = el('section', { className: 'card room-polls' }, heading, list);
  node.setAttribute('aria-labelledby', 'polls-title');

  function results(poll) {
    const total = (poll.counts || []).reduce((a, b) => a + b, 0);
    return el('ul', { className: 'poll-results' }, ...poll.options.map((option, i) => {
      const count = poll.counts?.[i] ?? 0;
      const percent = total ? Math.round((count * 100) / total) : 0;
      const bar = el('span', { className: 'bar' });
      bar.style.width = `${percent}%`;
      return el('li', { dataset: { option: i } },
        el('span', { className: 'option', textContent: option }),
        el('span', { className: 'bar-track' }, bar),
        el('span', { className: 'result-count', textContent: count === 1 ? t('room.poll.oneVote', { percent }) : t('room.poll.votes', { count, percent }) }));
    }));
  }

  function cloud(poll) {
    const words = (poll.words || []).slice().sort((a, b) => b.count - a.count);
    if (!words.length) return el('p', { className: 'note', textContent: t('room.poll.noWords') });
    const max = Math.max(...words.map((w) => w.count));
    return attrs(el('ul', { className: 'word-cloud' }, ...words.map((w) => {
      const li = el('li', { textContent: w.word, title: t('room.poll.wordCount', { count: w.count }) });
      li.style.fontSize = `${(0.9 + (1.6 * w.count) / max).toFixed(2)}rem`;
      li.append(el('span', { className: 'visually-hidden', textContent: ` (${t('room.poll.wordCount', { count: w.count })})` }));
      return li;
    })), { 'aria-label': t('room.poll.cloud') });
  }

  function voteForm(poll, error) {
    const form = el('form', { className: 'poll-vote', noValidate: true });
    const submit = el('button', { type: 'submit', id: `poll-vote-${poll.id}`, className: 'primary small', textContent: t('room.poll.vote') });
    if (poll.kind === 'words') {
      const inputs = [0, 1, 2].map((i) => el('input', { type: 'text', maxLength: 40, id: `poll-${poll.id}-word-${i}` }));
      form.append(el('fieldset', {}, el('legend', { textContent: t('room.poll.wordsLegend') }),
        ...inputs.map((input, i) => el('div', { className: 'field' },
          el('label', { htmlFor: input.id, textContent: t('room.poll.word', { n: i + 1 }) }), input))));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const words = inputs.map((i) => i.value.trim()).filter(Boolean);
        if (!words.length) { error.textContent = t('room.poll.needWord'); return; }
        vote(poll, { words }, submit, error);
      });
    } else {
      const name = `poll-${poll.id}`;
      form.append(el('fieldset', {}, el('legend', { className: 'visually-hidden', textContent: poll.question }),
        ...poll.options.map((option, i) => el('label', { className: 'choice' },
          el('input', { type: 'radio', name, value: String(i) }), ' ', option))));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const picked = form.querySelector(`input[name="${name}"]:checked`);
        if (!picked) { error.textContent = t('room.poll.needChoice'); return; }
        vote(poll, { option: Number(picked.value) }, submit, error);
      });
    }
    form.append(submit);
    return form;
  }

  async function vote(poll, data, submit, error) {
    submit.disabled = true;
    error.textContent = '';
    try {
      const reply = await ctx.socket.request('poll.vote', { pollId: poll.id, ...data });
      Object.assign(poll, reply && reply.id === poll.id ? reply : { yourVote: data.option ?? null, yourWords: data.words ?? [] });
      render();
    } catch (e) {
      error.textContent = ctx.roomError(e, 'vote');
      submit.disabled = false;
    }
  }

  function pollItem(poll) {
    const voted = poll.kind === 'words' ? (poll.yourWords || []).length > 0 : poll.yourVote != null;
    const error = attrs(el('p', { className: 'error' }), { role: 'alert' });
    const parts = [el('h3', { textContent: poll.question }),
      el('p', { className: 'poll-meta' }, t(poll.kind === 'words' ? 'room.poll.kindWords' : 'room.poll.kindChoice'),
        poll.closed ? el('span', { className: 'badge', textContent: t('room.poll.closed') }) : '')];
    if (!voted && !poll.closed) parts.push(voteForm(poll, error));
    else if (voted) parts.push(el('p', { className: 'note', textContent: t('room.poll.thanks') }));
    if (voted || poll.closed || ctx.isHost()) parts.push(poll.kind === 'words' ? cloud(poll) : results(poll));
    parts.push(error);
    if (ctx.isHost() && !poll.closed) {
      const close = el('button', { type: 'button', id: `poll-close-${poll.id}`, className: 'small close-poll', textContent: t('room.poll.close') });
      close.addEventListener('click', async () => {
        try { await ctx.socket.request('poll.close', { pollId: poll.id }); } catch (e) { error.textContent = ctx.roomError(e); }
      });
      parts.push(close);
    }
    return el('article', { className: `poll${poll.closed ? ' is-closed' : ''}`, dataset: { id: poll.id } }, ...parts);
  }

  function render() {
    heading.textContent = t('room.poll.title');
    const shown = polls.slice().sort((a, b) => b.id - a.id);
    keepFocus(list, () => {
      list.replaceChildren(...shown.map(pollItem));
      if (!shown.length) list.append(el('p', { className: 'note', textContent: t('room.poll.empty') }));
    });
  }

  const find = (id) => polls.find((p) => p.id === id);
  return {
    node,
    render,
    setSnapshot(list) { polls = list.map((p) => ({ ...p })); },
    onEvent(event) {
      const d = event.data || {};
      switch (event.type) {
        case 'poll.created': if (d.poll && !find(d.poll.id)) polls.push({ ...d.poll, yourVote: null, yourWords: [] }); break;
        case 'poll.results': if (find(d.id)) Object.assign(find(d.id), { counts: d.counts ?? find(d.id).counts, words: d.words ?? find(d.id).words }); break;
        case 'poll.closed': if (find(d.id)) find(d.id).closed = true; break;
        default: return false;
      }
      // Keep what a person is typing in a words poll: re-render only when no poll form has the focus.
      if (list.contains(document.activeElement) && document.activeElement.closest('form')) {
        for (const poll of polls) {
          const article = list.querySelector(`article[data-id="${poll.id}"]`);
          if (!article) { render(); return true; }
          if (!article.contains(document.activeElement)) article.replaceWith(pollItem(poll));
        }
        return true;
      }
      render();
      return true;
    },
  };
}
