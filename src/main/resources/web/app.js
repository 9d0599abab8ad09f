// Switchboard's chat page: one WebSocket to /chat, one text message per chat line each way.
// Everything shown is set with textContent, never as HTML, so no line can inject markup.
'use strict';

(function () {
  var MAX_LINES = 1000;          // scroll-back kept in the page
  var BACKOFF_MIN_MS = 500;
  var BACKOFF_MAX_MS = 10000;

  var linesEl = document.getElementById('lines');
  var statusEl = document.getElementById('status');
  var membersEl = document.getElementById('members');
  var roomNameEl = document.getElementById('room-name');
  var messageEl = document.getElementById('message');
  var nameEl = document.getElementById('name');
  var roomEl = document.getElementById('room');
  var roomsEl = document.getElementById('rooms');

  var socket = null;
  var backoff = BACKOFF_MIN_MS;
  var me = '';                   // our name, from "* welcome" and "* you are now"
  var room = '#lobby';
  // Chosen by the user: asked for again after a reconnect, and kept across a reload.
  var wantedName = remembered('name');
  var wantedRoom = remembered('room');
  var sent = [];                 // our own lines, to know their echo when it comes back
  var quietWho = 0;              // /who replies we asked for ourselves: shown in the list, not the log
  var whoTimer = null;

  function remembered(key) {
    try { return localStorage.getItem('switchboard.' + key) || ''; } catch (e) { return ''; }
  }

  function remember(key, value) {
    try { localStorage.setItem('switchboard.' + key, value); } catch (e) { /* private mode: memory only */ }
  }

  function url() {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/chat';
  }

  function setStatus(text, down) {
    statusEl.textContent = text;
    statusEl.classList.toggle('down', !!down);
  }

  function connect() {
    setStatus('connecting…', false);
    var ws = new WebSocket(url());
    socket = ws;
    ws.onopen = function () {
      backoff = BACKOFF_MIN_MS;
      sent = [];
      quietWho = 0;
      setStatus('connected', false);
      if (wantedName) { send('/nick ' + wantedName); }
      if (wantedRoom && wantedRoom.toLowerCase() !== '#lobby') { send('/join ' + wantedRoom); }
      askWho();
    };
    ws.onmessage = function (event) {
      if (typeof event.data === 'string') { received(event.data); }
    };
    ws.onclose = function () {
      if (socket !== ws) { return; }
      socket = null;
      var wait = backoff;
      backoff = Math.min(BACKOFF_MAX_MS, backoff * 2);
      setStatus('disconnected; reconnecting in ' + Math.round(wait / 100) / 10 + ' s', true);
      setTimeout(connect, wait);
    };
  }

  function send(line) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(line);
      return true;
    }
    return false;
  }

  // Members: the page asks /who after anything that may change who is in the room.
  function askWho() {
    if (whoTimer) { return; }
    whoTimer = setTimeout(function () {
      whoTimer = null;
      if (send('/who')) { quietWho++; }
    }, 150);
  }

  function showMembers(names) {
    membersEl.textContent = '';
    names.forEach(function (name) {
      var li = document.createElement('li');
      li.textContent = name;
      if (name === me) { li.className = 'me'; }
      membersEl.appendChild(li);
    });
  }

  function received(line) {
    var m;
    if ((m = /^\* online: ?(.*)$/.exec(line))) {
      showMembers(m[1] ? m[1].split(', ') : []);
      if (quietWho > 0) { quietWho--; return; }
    } else if ((m = /^\* welcome (\S+)/.exec(line))) {
      me = m[1];
      nameEl.placeholder = me;
    } else if ((m = /^\* you are now (\S+)/.exec(line))) {
      me = m[1];
      nameEl.value = '';
      nameEl.placeholder = me;
      askWho();
    } else if ((m = /^\* you are in (#\S+)/.exec(line))) {
      room = m[1];
      roomNameEl.textContent = room;
      roomEl.value = '';
      roomEl.placeholder = room;
      askWho();
    } else if (/^\* \S+ (joined|left|is now \S+)$/.test(line)) {
      askWho();
    } else if ((m = /^\* rooms: (.*)$/.exec(line))) {
      rememberRooms(m[1]);
    }
    show(line, kind(line));
  }

  function kind(line) {
    if (line.indexOf('! ') === 0) { return 'error'; }
    if (line.indexOf('-> *') === 0) { return 'pm own'; }
    if (/^\*[^\s*]+\* /.test(line)) { return 'pm'; }
    if (line.indexOf('* ') === 0) { return 'notice'; }
    if (me && line.indexOf('<' + me + '> ') === 0) { return 'own'; }
    var i = sent.indexOf(line);
    if (i >= 0) {
      // Our own line, echoed back as sent; lines we sent before it got no echo (a refusal).
      sent.splice(0, i + 1);
      return 'own';
    }
    return '';
  }

  function rememberRooms(list) {
    list.split(', ').forEach(function (entry) {
      var name = entry.split(' ')[0];
      if (!/^#/.test(name)) { return; }
      for (var i = 0; i < roomsEl.options.length; i++) {
        if (roomsEl.options[i].value === name) { return; }
      }
      var option = document.createElement('option');
      option.value = name;
      roomsEl.appendChild(option);
    });
  }

  function show(text, cls) {
    var atBottom = linesEl.scrollHeight - linesEl.scrollTop - linesEl.clientHeight < 40;
    var li = document.createElement('li');
    li.textContent = text;
    if (cls) { li.className = cls; }
    linesEl.appendChild(li);
    while (linesEl.childElementCount > MAX_LINES) { linesEl.removeChild(linesEl.firstElementChild); }
    if (atBottom) { linesEl.scrollTop = linesEl.scrollHeight; }
  }

  document.getElementById('say').addEventListener('submit', function (event) {
    event.preventDefault();
    var line = messageEl.value;
    if (!line.trim()) { return; }
    if (!send(line)) {
      show('! not connected; the line was not sent', 'error');
      return;
    }
    if (line.charAt(0) !== '/') {
      sent.push(line);
      if (sent.length > 100) { sent.shift(); }
    } else if (/^\/who\s*$/i.test(line)) {
      quietWho = 0;
    }
    messageEl.value = '';
  });

  document.getElementById('pickers').addEventListener('submit', function (event) {
    event.preventDefault();
    var name = nameEl.value.trim();
    if (name) {
      wantedName = name;
      remember('name', name);
      send('/nick ' + name);
    } else if (roomEl.value.trim()) {
      join();
    }
  });

  function join() {
    var name = roomEl.value.trim();
    if (!name) { return; }
    if (name.charAt(0) !== '#') { name = '#' + name; }
    wantedRoom = name;
    remember('room', name);
    send('/join ' + name);
  }

  document.getElementById('join').addEventListener('click', join);
  roomEl.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') { event.preventDefault(); join(); }
  });

  connect();
  messageEl.focus();
}());
