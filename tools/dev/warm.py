"""The live preview's fast path: one saved file's page, written with the
generators a whole build in this process kept (the "warm" state).

A change the fast path cannot write (a new file, a slug that moved) raises
Stale; the watcher (watcher.py) leaves it to the full build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from smex_site.urls import CONTENT_LISTS
from tools.build import sitebuild
from tools.build.failed import BuildFailed, describe

ROOT = Path(__file__).resolve().parents[2]


class Stale(Exception):
    """The fast path cannot write this change; the full build will."""


@dataclass
class Warm:
    """Each language's generators, kept from the build this process made."""

    content: Path
    langs: dict = field(default_factory=dict)  # lang -> (main output, [generators])
    state: object = None  # the plugin's BuildState of that build

    def capture(self, generators) -> None:
        """`all_generators_finalized`: keep the posts' and pages' generators."""
        from pelican.generators import ArticlesGenerator, PagesGenerator

        kept = [g for g in generators if isinstance(g, (ArticlesGenerator, PagesGenerator))]
        if kept:
            settings = kept[0].settings
            self.langs[settings["DEFAULT_LANG"]] = (Path(kept[0].output_path), kept)
            self.state = settings.get("SITE_BUILD_STATE", self.state)

    def find(self, source: Path):
        """(generator, list name, index, object) of the content read from `source`."""
        wanted = str(source)
        for _, generators in self.langs.values():
            for generator in generators:
                for name in CONTENT_LISTS:
                    for index, item in enumerate(getattr(generator, name, None) or []):
                        if item.source_path == wanted:
                            return generator, name, index, item
        raise Stale(f"{source} is not a post or page the preview has read")

    def subfolder(self, generator) -> Path:
        """Where this language's pages go, inside the served folder ("" or "en")."""
        main = min((out for out, _ in self.langs.values()), key=lambda p: len(p.parts))
        return Path(generator.output_path).relative_to(main)

    def rewrite(self, source: Path, served: Path) -> Path:
        """Check and read `source` again, write its page into `served`; its path."""
        generator, name, index, old = self.find(source)
        entry = _checked_entry(generator.settings, self.content, source, self.state)
        _replace_entry(self.state.catalog, entry)  # the reader takes its values from there
        new = _read(generator, source, type(old))
        if new.status != old.status or new.save_as != old.save_as or new.status == "draft":
            raise Stale(f"{source}: its address or status changed")
        for key, value in vars(old).items():  # what other plugins set on it later
            vars(new).setdefault(key, value)
        getattr(generator, name)[index] = new
        for other in getattr(old, "translations", []):
            other.translations = [new if t is old else t for t in other.translations]
        return _write(generator, new, served / self.subfolder(generator))


def _checked_entry(settings: dict, content: Path, source: Path, state):
    """The file's catalog entry, as a build's check reads it; its errors stop it."""
    import smex_site
    from smex_site import frontmatter, validation

    rel = source.relative_to(content).as_posix()
    entry, problems = validation.read_one(
        settings, smex_site.KINDS, rel, frontmatter.read_text(source), now=state.now
    )
    errors = validation.errors(problems)
    if errors:
        raise BuildFailed(describe(errors, "content problem"))
    return entry


def _replace_entry(catalog, entry) -> None:
    catalog.replace(entry)


def _read(generator, source: Path, content_class):
    from pelican import signals
    from pelican.generators import ArticlesGenerator

    kind = "article" if isinstance(generator, ArticlesGenerator) else "page"
    return generator.readers.read_file(
        base_path=generator.path,
        path=os.path.relpath(source, generator.path),
        content_class=content_class,
        context=generator.context,
        preread_signal=getattr(signals, f"{kind}_generator_preread"),
        preread_sender=generator,
        context_signal=getattr(signals, f"{kind}_generator_context"),
        context_sender=generator,
    )


def _write(generator, item, folder: Path) -> Path:
    """Write one post or page as its generator's generate_output does."""
    from pelican.generators import ArticlesGenerator
    from pelican.writers import Writer

    writer = Writer(str(folder), settings=generator.settings)
    extra = {"page": item}
    if isinstance(generator, ArticlesGenerator):
        extra = {"article": item, "category": getattr(item, "category", None), "blog": True}
    writer.write_file(
        item.save_as,
        generator.get_template(item.template),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        override_output=hasattr(item, "override_save_as"),
        url=item.url,
        **extra,
    )
    return folder / item.save_as


def warm_build(settings: Path, output: Path, now: str | None, overrides: dict, warm: Warm):
    """A whole build in this process, keeping its generators in `warm`."""
    from pelican import signals

    warm.langs.clear()
    signals.all_generators_finalized.connect(warm.capture)
    try:
        # in this process (jobs=1), and always run (no reuse): the generators are the point
        return sitebuild.build(
            settings,
            output=output,
            now=now,
            overrides=overrides,
            search=False,
            strict=False,
            jobs=1,
            reuse=False,
        )
    finally:
        signals.all_generators_finalized.disconnect(warm.capture)
