"""Resolving unit names as plans write them (新闻处, 各处室, 直属单位, 相关处室) to units."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.core.models import Unit, UnitAlias

K = Unit.Kind
# Collective names (统称) and the kinds of unit they stand for.
COLLECTIVES: dict[str, tuple[str, ...]] = {
    "各处室": (K.DEPARTMENT,),
    "处室": (K.DEPARTMENT,),
    "局各处室": (K.DEPARTMENT,),
    "直属单位": (K.SUBORDINATE,),
    "各直属单位": (K.SUBORDINATE,),
    "局属单位": (K.SUBORDINATE,),
    "各单位": (K.DEPARTMENT, K.SUBORDINATE),
    "各处室、直属单位": (K.DEPARTMENT, K.SUBORDINATE),
    # A bureau whose plan says 科室 means the same units as one that says 处室.
    "各科室": (K.DEPARTMENT,),
    "科室": (K.DEPARTMENT,),
    "局各科室": (K.DEPARTMENT,),
}
# Names that mean "whichever units it concerns": the press office must choose them.
TO_CHOOSE = frozenset(
    {
        "相关处室",
        "相关单位",
        "相关单位室",
        "有关处室",
        "有关单位",
        "承办处室",
        "文件起草单位",
        "相关处室（单位）",
        "各有关处室",
        "各相关处室",
        "有关科室",
        "相关科室",
        "各有关单位",
        "各相关单位",
    }
)


@dataclass
class Resolution:
    units: list[Unit] = field(default_factory=list)
    to_choose: list[str] = field(default_factory=list)  # e.g. 相关处室: chosen by the press office
    unknown: list[str] = field(default_factory=list)  # names no unit answers to


def names_index(units: list[Unit], *, learned: bool = True) -> dict[str, Unit]:
    """Every name a unit answers to: its name, full name, typed aliases and (unless
    `learned` is False) learned aliases."""
    by_name: dict[str, Unit] = {}
    for unit in units:
        for alias in [unit.name, unit.full_name, *unit.alias_list]:
            if alias:
                by_name.setdefault(alias, unit)
    if not learned:
        return by_name
    active = {unit.pk: unit for unit in units}
    for name, unit_id in UnitAlias.objects.values_list("name", "unit_id"):
        if unit_id in active:
            by_name.setdefault(name, active[unit_id])
    return by_name


def resolve_unit_names(
    names: list[str],
    units: list[Unit] | None = None,
    by_name: dict[str, Unit] | None = None,
) -> Resolution:
    """Expand each name; keeps order and drops duplicates. Pass `units` and `by_name`
    (names_index) to avoid queries."""
    units = list(Unit.objects.active()) if units is None else units
    by_name = names_index(units) if by_name is None else by_name
    result = Resolution()
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        if name in COLLECTIVES:
            matched = [u for u in units if u.kind in COLLECTIVES[name]]
        elif name in TO_CHOOSE:
            result.to_choose.append(name)
            continue
        elif name in by_name:
            matched = [by_name[name]]
        else:
            result.unknown.append(name)
            continue
        for unit in matched:
            if unit not in result.units:
                result.units.append(unit)
    return result
