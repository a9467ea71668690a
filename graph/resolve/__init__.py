"""Mentions -> canonical actors, in stages: analyst ``overrides``, the ``gazetteer``, in-document name chains and
definitions (``document``, ``names``), descriptions and government phrases (``descriptions``, ``phrases``),
people across documents (``people``), per-sentence mention finding (``mentions``); ``resolver`` holds the
``Resolver`` that ties them together."""

from graph.resolve.resolver import Actor, Resolver, is_place_name, normalise, slug

__all__ = ["Actor", "Resolver", "is_place_name", "normalise", "slug"]
