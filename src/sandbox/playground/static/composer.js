/*
 * Playground page, part 2 of 4: the message composer. Enter sends, Shift+Enter adds a line,
 * ↑/↓ walk the command history (from the first/last line, like Slack), Escape returns to the draft,
 * Tab completes `/sagemaker-vpc`, its sub-commands and sandbox job names — and when there is nothing
 * to complete, Tab moves focus as usual, so the keyboard is never trapped.
 */

var COMMANDS = ['/sagemaker-vpc ', '/invite @sagemaker-vpc', '/remove @sagemaker-vpc'];
var SUBCOMMANDS = ['check ', 'check --all', 'check-network --subnets ', 'help', 'digest now', 'digest list', 'digest add "', 'digest remove '];

function commonPrefix(words) {
  if (words.length === 0) return '';
  var prefix = words[0];
  for (var i = 1; i < words.length; i += 1) {
    while (words[i].indexOf(prefix) !== 0) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** Candidates for the last word of `value`: `{ head, partial, options }`, or null when nothing applies. */
function completionCandidates(value, jobs) {
  var m;
  if (/^\/[^\s]*$/.test(value)) return { head: '', partial: value, options: COMMANDS };
  if ((m = /^(\/sagemaker-vpc\s+)([^\s]*)$/.exec(value))) return { head: m[1], partial: m[2], options: SUBCOMMANDS };
  if ((m = /^(\/sagemaker-vpc\s+check\s+)([^\s-][^\s]*|)$/.exec(value))) {
    return { head: m[1], partial: m[2], options: jobs.map(function (j) { return j.command.slice('/sagemaker-vpc check '.length); }) };
  }
  return null;
}

function setupComposer(options) {
  var input = options.input;
  var history = [];
  var position = -1;
  var draft = '';
  var cycle = null;

  function resize() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight, 160) + 'px';
  }

  function setValue(value) {
    input.value = value;
    input.setSelectionRange(value.length, value.length);
    resize();
  }

  function submit() {
    var line = input.value;
    if (line.trim() === '') return;
    if (history[history.length - 1] !== line) history.push(line);
    position = -1;
    draft = '';
    setValue('');
    options.onSend(line);
  }

  function complete() {
    if (cycle && cycle.shown === input.value) {
      cycle.index = (cycle.index + 1) % cycle.matches.length;
      cycle.shown = cycle.head + cycle.matches[cycle.index];
      setValue(cycle.shown);
      return true;
    }
    var found = completionCandidates(input.value, options.jobs());
    if (!found) return false;
    var matches = found.options.filter(function (o) { return o.indexOf(found.partial) === 0; });
    if (matches.length === 0) return false;
    var prefix = commonPrefix(matches);
    if (matches.length === 1 || prefix.length > found.partial.length) {
      setValue(found.head + (matches.length === 1 ? matches[0] : prefix));
      cycle = null;
      return true;
    }
    cycle = { head: found.head, matches: matches, index: 0, shown: found.head + matches[0] };
    setValue(cycle.shown);
    return true;
  }

  function caretOnFirstLine() {
    return input.value.slice(0, input.selectionStart).indexOf('\n') === -1;
  }

  function caretOnLastLine() {
    return input.value.slice(input.selectionEnd).indexOf('\n') === -1;
  }

  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'ArrowUp' && caretOnFirstLine() && history.length > 0 && position !== 0) {
      event.preventDefault();
      if (position === -1) {
        draft = input.value;
        position = history.length;
      }
      position -= 1;
      setValue(history[position]);
    } else if (event.key === 'ArrowDown' && caretOnLastLine() && position !== -1) {
      event.preventDefault();
      position += 1;
      if (position >= history.length) {
        position = -1;
        setValue(draft);
      } else {
        setValue(history[position]);
      }
    } else if (event.key === 'Escape' && position !== -1) {
      event.preventDefault();
      position = -1;
      setValue(draft);
    } else if (event.key === 'Tab' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      if (complete()) event.preventDefault();
    }
  });
  input.addEventListener('input', function () {
    cycle = null;
    resize();
  });
  options.form.addEventListener('submit', function (event) {
    event.preventDefault();
    submit();
    input.focus();
  });

  return {
    /** Puts text in the composer (a job from the side panel) without sending it. */
    insert: function (text) {
      setValue(text);
      input.focus();
    },
  };
}
