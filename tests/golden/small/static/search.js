// The search page: the site's index (written by `bulletin build`; its format is described in
// src/stages/search/index.rs) holds every variant's text folded to simplified characters; the
// query is brought there (query-forms.bin: OpenCC's tables, then the same folding), so that
// 干部 finds 幹部 on a traditional site and 軟體 finds 软件 on a simplified one. Terms are cut as
// the build cuts them (src/stages/search/terms.rs): Chinese as characters and pairs of
// characters, Latin letters and digits as words. Only the index files a query's terms fall in
// are fetched; results are shown from the variant's own documents, in the reader's script, and
// announced through the status line.
performance.mark("t-script");
const form = document.querySelector(".search-form");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const input = form.querySelector("input[name=q]");
const selects = [...form.querySelectorAll("select[data-filter]")];
const bundle = form.dataset.bundle;
const base = form.dataset.base;
const index = base + "search-index/";
// Results shown: the first ten as soon as they are read (each is a document to fetch), then
// ten more.
const first = 10;
const shown = 20;
const inTitle = 0x80;

const say = (key, count) => { status.textContent = status.dataset[key].replace("{n}", count); };

// Gzipped bytes (a stream of them), unpacked here whatever the host sends.
async function gunzip(stream) {
  const unpacked = stream.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(unpacked).arrayBuffer());
}

// A gzipped index file.
async function load(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return gunzip(response.body);
}

// Bytes `from` to `to` (inclusive) of a file: `part` when the host honours Range, with the
// file's `total` length as the host gave it, else the `whole` file.
async function ranged(url, from, to) {
  const response = await fetch(url, { headers: { Range: `bytes=${from}-${to}` } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 206) return { whole: bytes };
  return { part: bytes, total: (response.headers.get("Content-Range") || "").split("/")[1] };
}

// OpenCC's way: the longest dictionary key at each position.
function convert(text, stage) {
  const chars = [...text];
  let out = "";
  for (let i = 0; i < chars.length;) {
    let n = Math.min(stage.max, chars.length - i);
    for (; n > 0; n--) {
      const form = stage.map[chars.slice(i, i + n).join("")];
      if (form !== undefined) { out += form; break; }
    }
    if (n === 0) { out += chars[i]; n = 1; }
    i += n;
  }
  return out;
}

const between = (p, low, high) => p >= low && p <= high;
function isCjk(c) {
  const p = c.codePointAt(0);
  return between(p, 0x3040, 0x30ff) || between(p, 0x3400, 0x4dbf) || between(p, 0x4e00, 0x9fff)
    || between(p, 0xac00, 0xd7af) || between(p, 0xf900, 0xfaff) || between(p, 0x20000, 0x3134f);
}
const isWordChar = (c) => /[\p{L}\p{N}]/u.test(c) && !isCjk(c);

// Full-width letters and digits made plain, traditional characters folded to simplified,
// Latin lowercased.
function normalize(text) {
  let out = "";
  for (const c of text) {
    const p = c.codePointAt(0);
    const wide = between(p, 0xff10, 0xff19) || between(p, 0xff21, 0xff3a) || between(p, 0xff41, 0xff5a);
    out += wide ? String.fromCodePoint(p - 0xfee0) : (queryForms.fold[c] || c);
  }
  return out.toLowerCase();
}

// The terms an item must have: the pairs of each Chinese run (or its lone character), the words.
function queryTerms(query) {
  const terms = new Set();
  let run = "", chinese = false;
  const end = () => {
    const chars = [...run];
    if (!chinese && run) terms.add(run);
    if (chinese && chars.length === 1) terms.add(run);
    if (chinese) for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i] + chars[i + 1]);
    run = "";
  };
  for (const c of query) {
    const kind = isCjk(c) ? "cjk" : isWordChar(c) ? "word" : null;
    if (!kind || (run && chinese !== (kind === "cjk"))) end();
    if (kind) { chinese = kind === "cjk"; run += c; }
  }
  end();
  return [...terms];
}

// FNV-1a over UTF-8: the shard a term is in.
function termHash(term) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(term)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

function varint(bytes, at) {
  let value = 0, shift = 0, byte;
  do { byte = bytes[at.i++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return value;
}

// A shard's terms, each with where its postings start. Postings are skipped, not read: a
// query reads only its own terms'.
function readShard(bytes) {
  const terms = new Map();
  const decoder = new TextDecoder();
  const at = { i: 0 };
  while (at.i < bytes.length) {
    const length = varint(bytes, at);
    const term = decoder.decode(bytes.subarray(at.i, at.i + length));
    at.i += length;
    const count = varint(bytes, at);
    terms.set(term, { bytes, start: at.i, count });
    let i = at.i;
    for (let n = 0; n < count; n++) {
      while (bytes[i] & 0x80) i++;
      i += 2; // the delta's last byte, then the weight
    }
    at.i = i;
  }
  return terms;
}

let meta, queryForms, filterValues;
const shards = new Map();
const documents = new Map();
const shard = (k) => {
  if (!shards.has(k)) shards.set(k, load(`${index}shards/${k}.bin`).then((b) => { performance.mark("t-shard-loaded"); const r = readShard(b); performance.mark("t-shard-read"); return r; }));
  return shards.get(k);
};
// Documents come 128 to a pack (src/stages/search/pack.rs): a head of offsets, then each
// document's bytes, a gzip member of its JSON. A document takes two reads: its two offsets,
// then its bytes. Where the host ignores Range, the first read of a pack gets it whole, and
// later reads of that pack slice it; once a host has honoured Range, reads go at once.
const packDocuments = 128;
const wholePacks = new Map();
let rangesHonoured = false;
// Bytes `from` to `to` (exclusive) of a pack, and the length of the pack they came from.
async function slice(url, from, to) {
  if (!rangesHonoured && wholePacks.has(url)) {
    const whole = await wholePacks.get(url);
    if (whole) return { bytes: whole.subarray(from, to), total: String(whole.length) };
  }
  const reading = ranged(url, from, to - 1);
  if (!wholePacks.has(url)) wholePacks.set(url, reading.then((got) => got.whole, () => undefined));
  const { part, whole, total } = await reading;
  if (part) rangesHonoured = true;
  return part ? { bytes: part, total } : { bytes: whole.subarray(from, to), total: String(whole.length) };
}
// A pack read whole, past any cache: when its two reads did not come from the same version
// of it (a deploy or a rebuild between them).
async function wholePack(url) {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const whole = new Uint8Array(await response.arrayBuffer());
  wholePacks.set(url, Promise.resolve(whole));
  return whole;
}
const offsetsAt = (bytes) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  return [view.getUint32(0, true), view.getUint32(4, true)];
};
async function readDocument(id) {
  const url = `${bundle}documents/${Math.floor(id / packDocuments)}.bin`;
  const slot = id % packDocuments;
  const ends = await slice(url, 4 * slot, 4 * slot + 8);
  let [from, to] = offsetsAt(ends.bytes);
  if (from >= to) throw new Error(`${url}: no document ${id}`);
  let member = await slice(url, from, to);
  if (member.bytes.length !== to - from || member.total !== ends.total) {
    const whole = await wholePack(url);
    [from, to] = offsetsAt(whole.subarray(4 * slot, 4 * slot + 8));
    member = { bytes: whole.subarray(from, to) };
  }
  return JSON.parse(new TextDecoder().decode(await gunzip(new Blob([member.bytes]).stream())));
}
const documentOf = (id) => {
  if (!documents.has(id)) {
    // A failed read is not kept: the next search reads the document again.
    documents.set(id, readDocument(id).catch((error) => { documents.delete(id); throw error; }));
  }
  return documents.get(id);
};

// A term's postings: its documents' numbers, ascending, and their weights.
async function postings(term) {
  const entry = (await shard(termHash(term) % meta.shards)).get(term);
  if (!entry) return { ids: new Uint32Array(0), weights: new Uint8Array(0) };
  const ids = new Uint32Array(entry.count);
  const weights = new Uint8Array(entry.count);
  const at = { i: entry.start };
  let id = 0;
  for (let n = 0; n < entry.count; n++) {
    id += varint(entry.bytes, at);
    ids[n] = id;
    weights[n] = entry.bytes[at.i++];
  }
  return { ids, weights };
}

// The items holding every term of one form of the query, with their rank: the shortest list
// of postings walked, the others' cursors moved along with it (all are ascending).
async function candidates(form, filterTerms) {
  const terms = queryTerms(normalize(form));
  if (!terms.length) return new Map();
  const lists = await Promise.all([...terms, ...filterTerms].map(postings));
  const words = lists.slice(0, terms.length);
  const byLength = [...lists.keys()].sort((a, b) => lists[a].ids.length - lists[b].ids.length);
  const cursors = lists.map(() => 0);
  const found = new Map();
  next: for (const id of lists[byLength[0]].ids) {
    for (const k of byLength) {
      const ids = lists[k].ids;
      let c = cursors[k];
      while (c < ids.length && ids[c] < id) c++;
      cursors[k] = c;
      if (ids[c] !== id) continue next;
    }
    const weights = words.map((w, k) => w.weights[cursors[k]]);
    found.set(id, {
      id,
      title: weights.every((w) => w & inTitle),
      count: Math.min(...weights.map((w) => w & 0x7f)),
    });
  }
  return found;
}

// Title matches first, then the number of matches, then the newest.
const byRank = (a, b) => (b.title - a.title) || (b.count - a.count) || (b.id - a.id);

// Whether an item holds every word of one of the forms as typed (pairs may meet by chance).
function holds(item, forms) {
  const text = normalize(item.title + "\n" + item.text);
  return forms.some((words) => words.every((word) => text.includes(word)));
}

function escape(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

// About forty characters around the first word found, every word found marked.
function excerpt(text, words) {
  const plain = normalize(text);
  const first = Math.min(...words.map((w) => plain.indexOf(w)).filter((i) => i >= 0));
  const start = Number.isFinite(first) ? Math.max(0, first - 15) : 0;
  const end = Math.min(text.length, start + 60);
  const part = plain.slice(start, end);
  let out = "", i = 0;
  while (i < part.length) {
    const word = words.find((w) => w && part.startsWith(w, i));
    if (word) { out += `<mark>${escape(text.slice(start + i, start + i + word.length))}</mark>`; i += word.length; }
    else { out += escape(text[start + i]); i += 1; }
  }
  return (start > 0 ? "…" : "") + out + (end < text.length ? "…" : "");
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// Every item holding the query, best first, and the first `limit` of them read for showing.
async function search(query, filters, limit) {
  const forms = [...new Set(queryForms.chains.map((chain) => normalize(chain.reduce(convert, query))))];
  const filterTerms = Object.entries(filters).map(([name, shown]) => {
    const value = (filterValues[name] || []).find(([label]) => label === shown);
    return `\u0001${name}\u0001${value ? value[1] : ""}`;
  });
  performance.mark("t-search-start");
  const ranked = new Map();
  for (const found of await Promise.all(forms.map((f) => candidates(f, filterTerms)))) {
    for (const [id, rank] of found) {
      if (!ranked.has(id) || byRank(rank, ranked.get(id)) < 0) ranked.set(id, rank);
    }
  }
  performance.mark("t-candidates");
  const order = [...ranked.values()].sort(byRank);
  performance.mark("t-sorted-" + order.length);
  const words = forms.map((f) => normalize(f).split(/\s+/).filter(Boolean));
  const results = [];
  let checked = 0;
  while (results.length < limit && checked < order.length) {
    const batch = order.slice(checked, checked + Math.max(limit, 1));
    checked += batch.length;
    const items = await Promise.all(batch.map((rank) => documentOf(rank.id)));
    items.forEach((item, n) => { if (holds(item, words)) results.push(item); });
  }
  // Past the items read, the count is of those that have every term.
  return { results: results.slice(0, limit), total: results.length + order.length - checked, words: words.flat() };
}

try {
  const json = async (url) => (await fetch(url)).json();
  const packed = async (url) => JSON.parse(new TextDecoder().decode(await load(url)));
  [meta, queryForms, filterValues] = await Promise.all([
    json(index + "meta.json"), packed(index + "query-forms.bin"), json(bundle + "filters.json"),
  ]);
  performance.mark("t-tables");
  if (meta.version !== 4) throw new Error(`search index version ${meta.version}`);
  for (const select of selects) {
    const values = filterValues[select.dataset.filter] || [];
    select.closest("span").hidden = values.length === 0;
    for (const [label] of values) select.append(new Option(label, label));
  }
  form.querySelector(".search-filters").hidden = false;
} catch (error) {
  say("failed");
  throw error;
}
// For tests and tools: every item holding a query, as its address.
window.bulletinSearch = async (query, filters = {}) =>
  (await search(query, filters, Infinity)).results.map((item) => base + item.url);

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
for (const select of selects) select.value = params.get(select.name) || "";

let latest = 0;
async function run() {
  const run = ++latest;
  const query = input.value.trim();
  const filters = {};
  for (const select of selects) if (select.value) filters[select.dataset.filter] = select.value;
  history.replaceState(null, "", "?" + new URLSearchParams({ q: query, ...filters }));
  if (!query) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  say("searching");
  for (const limit of [first, shown]) {
    const { results, total, words } = await search(query, filters, limit);
    if (run !== latest) return;
    list.replaceChildren(...results.map((item) => {
      const entry = element("li");
      const heading = element("h2", "item-title");
      const link = element("a", "", item.title);
      link.href = base + item.url;
      heading.append(link);
      const summary = element("p", "item-summary");
      summary.innerHTML = excerpt(item.text, words); // escaped text with <mark> around the words found
      entry.append(heading, element("p", "item-meta", `${item.date}　${item.department}`), summary);
      return entry;
    }));
    if (limit === first) performance.mark("bulletin-results");
    if (results.length < limit) {
      say(total ? "found" : "none", total);
      return;
    }
    say("found", total);
  }
}

form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
for (const select of selects) select.addEventListener("change", run);
if (input.value) run();
