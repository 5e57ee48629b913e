// The search page: the variant's Pagefind index (written by `bulletin build`), searched for
// the query converted into the variant's forms (query-forms.json), so that 干部 finds 幹部 on
// a traditional site and 軟體 finds 软件 on a simplified one. Results are announced through the status line.
const form = document.querySelector(".search-form");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const input = form.querySelector("input[name=q]");
const selects = [...form.querySelectorAll("select[data-filter]")];
const bundle = form.dataset.bundle;
const shown = 20;

const say = (key, count) => { status.textContent = status.dataset[key].replace("{n}", count); };

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

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

let pagefind, queryForms;
try {
  pagefind = await import(bundle + "pagefind.js");
  await pagefind.options({ baseUrl: form.dataset.base, excerptLength: 40 });
  queryForms = await (await fetch(bundle + "query-forms.json")).json();
  const available = await pagefind.filters();
  for (const select of selects) {
    const values = Object.keys(available[select.dataset.filter] || {}).sort();
    select.closest("span").hidden = values.length === 0;
    for (const value of values) select.append(new Option(value, value));
  }
  form.querySelector(".search-filters").hidden = false;
} catch (error) {
  say("failed");
  throw error;
}

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
  const forms = new Set(queryForms.chains.map((chain) => chain.reduce(convert, query)));
  const searches = await Promise.all([...forms].map((form) => pagefind.search(form, { filters })));
  const best = new Map();
  for (const search of searches) {
    for (const result of search.results) {
      if (!best.has(result.id) || best.get(result.id).score < result.score) best.set(result.id, result);
    }
  }
  const results = [...best.values()].sort((a, b) => b.score - a.score);
  const pages = await Promise.all(results.slice(0, shown).map((result) => result.data()));
  if (run !== latest) return;
  list.replaceChildren(...pages.map((page) => {
    const item = element("li");
    const heading = element("h2", "item-title");
    const link = element("a", "", page.meta.title);
    link.href = page.url;
    heading.append(link);
    const excerpt = element("p", "item-summary");
    excerpt.innerHTML = page.excerpt; // Pagefind's excerpt: escaped text with <mark> around the words found
    item.append(heading, element("p", "item-meta", `${page.meta.date}　${page.meta.department}`), excerpt);
    return item;
  }));
  say(results.length ? "found" : "none", results.length);
}

form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
for (const select of selects) select.addEventListener("change", run);
if (input.value) run();
