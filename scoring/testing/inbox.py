"""A bureau's inbox with one of every kind of discrepancy planted in it, worked out by hand.

``write_review_inbox(folder)`` writes a dozen submissions, TOML files and
workbooks laid out as departments fill them, each with what a re-scoring
must find in it. ``evaluations/inbox/`` is this inbox; the tests build their
own copy and hold every report format to the same ranking and kinds.
"""

from __future__ import annotations

import shutil
from decimal import Decimal as D
from pathlib import Path

import tomli_w
from attrs import define, field

from .workbooks import Row, Table, book, provincial, ten_hao


@define
class Planted:
    """A submission and what a re-scoring must find in it."""

    name: str
    kinds: set[str] = field(factory=set)
    """The kinds of discrepancy it holds (``overclaimed``, ``rounding``, …)."""
    total: D | None = None
    """Its computed total, worked out by hand."""
    largest: D = D(0)
    """Its largest discrepancy at any level, in points."""
    duplicates: bool = False


def _row(level1: str, name: str, target, weight, **keys) -> dict:
    return {"level1": level1, "name": name, "target": target, "weight": weight, **keys}


def _write(folder: Path, name: str, department: str, project: dict, **top) -> str:
    doc = {"department": department, "year": 2023, **top, "project": [project]}
    (folder / name).write_text(tomli_w.dumps(doc), encoding="utf-8")
    return name


def write_review_inbox(folder: Path) -> list[Planted]:
    """The inbox, and what each of its files must show."""
    folder.mkdir(parents=True, exist_ok=True)
    planted: list[Planted] = []
    budget = {"initial": 100, "full_year": 100, "executed": 100}

    # Far off its claim, at the rows and the total: 3/10×50 = 15, 60/95×30 = 18.95, 10, budget 10 → 53.95; claimed 100.
    _write(folder, "甲局-道路养护.toml", "甲局", {
        "name": "道路养护", "budget": budget, "claimed": {"score": 100, "budget_score": 10},
        "indicator": [_row("产出指标", "养护里程", "≥10公里", 50, actual="3公里", claimed=50, reason="雨季停工"),
                      _row("效益指标", "路况优良率", "≥95%", 30, actual="60%", claimed=30, reason="资金未到位"),
                      _row("满意度指标", "群众满意度", "≥90%", 10, actual="90%", claimed=10)]})
    planted.append(Planted("甲局-道路养护.toml", {"overclaimed"}, D("53.95"), D("46.05"), duplicates=True))

    # Whole-point claims: 86.2/100×10 = 8.62 claimed 9; total 98.62 claimed 99.
    green_rows = [_row("产出指标", "新增绿地", "≥100%", 10, actual="86.2%", claimed=9, reason="部分地块未交付"),
                  _row("产出指标", "养护面积", "≥50公顷", 40, actual="50公顷", claimed=40),
                  _row("效益指标", "绿化覆盖率", "≥40%", 30, actual="41%", claimed=30),
                  _row("满意度指标", "群众满意度", "≥90%", 10, actual="95%", claimed=10)]
    green = {"name": "城区绿化", "budget": budget, "claimed": {"score": 99, "budget_score": 10}, "indicator": green_rows}
    _write(folder, "乙局-城区绿化.toml", "主管部门：乙局", green)
    planted.append(Planted("乙局-城区绿化.toml", {"rounding"}, D("98.62"), D("0.38"), duplicates=True))

    # The same department, project and year again, in another file (a re-submission).
    _write(folder, "乙局-城区绿化-补报.toml", "乙　局", green | {"claimed": {"score": D("98.62"), "budget_score": 10},
                                                         "indicator": [green_rows[0] | {"claimed": D("8.62")}] + green_rows[1:]})
    planted.append(Planted("乙局-城区绿化-补报.toml", set(), D("98.62"), D(0), duplicates=True))

    # An achieved row marked down, with no reason: 14 of 20; the total follows the rows (94).
    _write(folder, "丙局-干部培训.toml", "丙局", {
        "name": "干部培训", "budget": budget, "claimed": {"score": 94, "budget_score": 10},
        "indicator": [_row("产出指标", "培训人次", "≥500人次", 20, actual="520人次", claimed=14),
                      _row("产出指标", "培训期数", "≥4期", 30, actual="4期", claimed=30),
                      _row("效益指标", "考核合格率", "≥95%", 30, actual="98%", claimed=30),
                      _row("满意度指标", "学员满意度", "≥90%", 10, actual="93%", claimed=10)]})
    planted.append(Planted("丙局-干部培训.toml", {"marked-down"}, D(100), D(6)))

    # A row claimed above its formula: 8/10×20 = 16 claimed 20; the total 100 for 96.
    _write(folder, "丁局-政策宣传.toml", "丁局", {
        "name": "政策宣传", "budget": budget, "claimed": {"score": 100, "budget_score": 10},
        "indicator": [_row("产出指标", "宣传活动", "≥10场", 20, actual="8场", claimed=20, reason="疫情取消两场"),
                      _row("产出指标", "宣传材料", "≥5000份", 30, actual="5200份", claimed=30),
                      _row("效益指标", "政策知晓率", "≥80%", 30, actual="85%", claimed=30),
                      _row("满意度指标", "群众满意度", "≥90%", 10, actual="92%", claimed=10)]})
    planted.append(Planted("丁局-政策宣传.toml", {"overclaimed"}, D(96), D(4)))

    # A total that does not add up: every row met and claimed in full (100), the total written 95.
    _write(folder, "戊局-信息化.toml", "戊局", {
        "name": "信息化建设", "budget": budget, "claimed": {"score": 95, "budget_score": 10},
        "indicator": [_row("产出指标", "系统上线", "≥3个", 50, actual="3个", claimed=50),
                      _row("效益指标", "业务网办率", "≥80%", 30, actual="82%", claimed=30),
                      _row("满意度指标", "用户满意度", "≥90%", 10, actual="91%", claimed=10)]})
    planted.append(Planted("戊局-信息化.toml", {"arithmetic", "marked-down"}, D(100), D(5)))

    # A fragment: one row of 10 points, no budget line; 10/10 → 100, but only 10 of 100 points.
    _write(folder, "己局-片段.toml", "己局", {
        "name": "档案数字化", "budget_points": 0, "claimed": {"score": 100},
        "indicator": [_row("产出指标", "数字化卷数", "≥1000卷", 10, actual="1200卷", claimed=10)]})
    planted.append(Planted("己局-片段.toml", {"incomplete"}, D(100), D(0)))

    # A target lowered against the approved one: approved ≥10套, written ≥8套 with 8 done → 8/10×40 = 32.
    approved = folder / "approved"
    approved.mkdir(exist_ok=True)
    (approved / "庚局-安防.toml").write_text(tomli_w.dumps({"title": "校园安防", "year": 2023, "indicator": [
        {"level1": "产出指标", "name": "监控设备", "target": "≥10套", "weight": 40},
        {"level1": "效益指标", "name": "案件下降率", "target": "≥10%", "weight": 40},
        {"level1": "满意度指标", "name": "师生满意度", "target": "≥90%", "weight": 10}]}), encoding="utf-8")
    _write(folder, "庚局-校园安防.toml", "庚局", {
        "name": "校园安防", "approved": "approved/庚局-安防.toml", "budget": budget, "claimed": {"score": 100, "budget_score": 10},
        "indicator": [_row("产出指标", "监控设备", "≥8套", 40, actual="8套", claimed=40),
                      _row("效益指标", "案件下降率", "≥10%", 40, actual="12%", claimed=40),
                      _row("满意度指标", "师生满意度", "≥90%", 10, actual="94%", claimed=10)]})
    planted.append(Planted("庚局-校园安防.toml", {"target-changed", "overclaimed"}, D(92), D(8)))

    # The same content twice: 甲局's file copied under another name.
    shutil.copyfile(folder / "甲局-道路养护.toml", folder / "甲局-道路养护(重报).toml")
    planted.append(Planted("甲局-道路养护(重报).toml", {"overclaimed"}, D("53.95"), D("46.05"), duplicates=True))

    # Workbooks as departments fill them. The 10号 form: the 98%-of-98% row claimed 19.6 of 20, the total 99.6.
    book(folder / "壬局-水土保持.xlsx", [Table("水土保持监测", [
        Row("产出指标", "质量指标", "监测数据合格率", D(100), D(100), 20, 20, percent=True),
        Row("产出指标", "时效指标", "资料按时上报", "≤12月", "12月", 20, 20),
        Row("效益指标", "社会效益指标", "整编资料审核", "98%", "98%", 20, D("19.6")),
        Row("产出指标", "数量指标", "监测站点", "≥20个", "20个", 20, 20),
    ], department="壬局", budget=(D(10), D(10), D(10)), points=20, budget_claim=20, total_claim=D("99.6"), points_total=100)], ten_hao)
    planted.append(Planted("壬局-水土保持.xlsx", {"marked-down"}, D(100), D("0.4")))

    # 湖北's form, all met: 30 + 20 + 20 + 10, budget 271.548/285.84 × 20 = 19; claimed 99 as the rows add up.
    book(folder / "癸局-门户标识.xlsx", [Table("门户标识建设", [
        Row("产出指标(50分)", "数量指标", "新建标识(套)", 4, 4, 30, 30),
        Row("产出指标(50分)", "时效指标", "完成时限", "2023年12月底前", "2023年12月底前", 20, 20),
        Row("效益指标(30分)", "社会效益指标", "群众投诉率", D(5), D(4), 20, 20, percent=True),
        Row("效益指标(30分)", "满意度指标", "服务对象满意度", "≥95%", "96%", 10, 10),
    ], department="癸局", budget=(None, D("285.84"), D("271.548")), points=20, budget_claim=19, total_claim=99, points_total=100)],
        provincial)
    planted.append(Planted("癸局-门户标识.xlsx", set(), D(99), D(0)))

    # The 10号 form again, a whole-point claim: 4.9/5 × 10 = 9.8 written 10 (rounding); the total 99.8 written 100.
    book(folder / "子局-河道保洁.xlsx", [Table("河道保洁", [
        Row("产出指标", "数量指标", "保洁河道", "≥5公里", "4.9公里", 10, 10, "一段河道改建"),
        Row("产出指标", "质量指标", "水质达标率", "≥90%", "92%", 40, 40),
        Row("效益指标", "生态效益指标", "垃圾清运量", "≥100吨", "120吨", 30, 30),
        Row("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", 10, 10),
    ], department="子局", budget=(D(50), D(50), D(50)), budget_claim=10, total_claim=100, points_total=100)], ten_hao)
    planted.append(Planted("子局-河道保洁.xlsx", {"rounding"}, D("99.8"), D("0.2")))
    return planted
