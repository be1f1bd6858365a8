"""示範學校: a realistic synthetic school, written into an empty store in one transaction.

``make_demo_school(ws, students, seed, progress)`` builds, deterministically for a seed and a
day (``today``, by default ``date.today()``):

- the school (code, name, an address whose postal code agrees with its district), the school
  settings at their defaults, every term from the oldest cohort's entry to the current term
  (default dates and a certification deadline three weeks after 休業式);
- ``students`` current students in three grades (entry cohorts = the current 學年度, −1, −2)
  and two graduated cohorts of the size of one grade (entered −3 and −4, 畢業 at the end of
  July of their third year) — the departed students the paper notices are for. Among the
  current students about 2 % 轉出, 1 % 休學 and 0.5 % 退學 (with dates), and a few 轉入 and
  復學; a few of the latest graduates are 延修 instead, retaking failed courses (重修);
- classes of 35–40 students per 學年度 and grade (「一年一班」, codes 101…), homeroom teachers,
  about one teacher per 20 students plus the offices (註冊組, 教學組, 課務組, 訓育組, 輔導室)
  and 課程諮詢教師;
- per term a course catalogue with valid 23-character codes (部定必修, 校訂必修, 加深加廣選修,
  多元選修, 團體活動時間, 彈性學習時間), 13–15 enrolments per student and term with scores for
  the terms that have ended (a few fails, 補考, 重修), cadre records, course consultations,
  course learning outcomes (each tied to an enrolment of the same student and term; 待認證 /
  已認證 / 退回, certified by the course's teacher) and 多元表現 per 學年度. Every outcome
  carries a file and some performances a certificate or work (a few small generated PDF and
  PNG files, stored once in the attachment store and shared by hash). A student who left
  during a term has that term's enrolments without a score and with a remark saying so.

Names are synthetic (common surnames weighted by frequency); a few carry rare characters
(堃 喆 峯) and exactly one graduate has the Extension B character 𪚥 in the name, for the
printing tests. Addresses are built from ``domain.postal`` (mostly 臺中市) and national IDs
from ``domain.ids.make_id``; every generated record passes the matching
``domain.records.clean_*`` cleaner (a failure is a bug here and raises ``RuntimeError``).

Writing: the rows go in with bulk Core inserts (lists of dicts, in chunks) inside ONE
transaction of ``ws.store.transaction()``, not through ``RecordService.create`` per row, so a
3,000-student school (about 300,000 enrolments) takes well under a minute. Each row carries
the sync columns (a fresh uuid4, version 1, ``updated_at`` now, ``updated_by`` the acting
staff member, ``origin`` this workstation, not deleted). The audit log therefore holds ONE
entry per table (the blob table included), not one per row: ``audit.record(session, actor, table, 'demo', 'import',
{'rows': (None, n)})`` with the actor's source 「示範資料」.

A store that already holds school data (students, courses, terms, classes or the school
itself) is refused with :class:`DemoError`: demo data must never mix with real records. The
writer must be a signed-in 系統管理者: ``lxp-desktop demo`` first makes the demo accounts
(``accounts.prepare_demo_store``: admin/demo …) and signs in as admin.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import random
import struct
import time
import uuid
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from lxp_desktop.domain import code_lists, enums, postal, records
from lxp_desktop.domain import promotion as promotion_rules
from lxp_desktop.domain.course_code import make_course_code
from lxp_desktop.domain.filekind import HEAD_SIZE, check_file
from lxp_desktop.domain.ids import make_id
from lxp_desktop.domain.roc import Term, ad_year, default_dates, format_roc, term_of
from lxp_desktop.services import audit
from lxp_desktop.services.attachments import clean_filename
from lxp_desktop.services.settings import SCHOOL_SETTINGS
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store.blobs import BlobStore, default_store
from lxp_desktop.store.models import (
    Attachment,
    Blob,
    CadreRecord,
    Consultation,
    Course,
    Enrolment,
    Outcome,
    Performance,
    School,
    SchoolClass,
    Setting,
    Staff,
    Student,
    SyncMixin,
    utcnow,
)
from lxp_desktop.store.models import (
    Term as TermRow,
)
from lxp_desktop.store.roster_models import ClassMembership, membership_id

SOURCE = "示範資料"
SCHOOL_CODE = "068801"
SCHOOL_NAME = "臺中市私立示範高級中學"
SCHOOL_POSTAL = "40756"
SCHOOL_ADDRESS = "臺中市西屯區福科路500號"
SCHOOL_PHONE = "04-2358-0000"
MAIL_DOMAIN = "school.example"  # RFC 2606: never a real mailbox
STUDENT_MAIL_DOMAIN = "stu.school.example"

STUDENTS_PER_CLASS = 38
STUDENTS_PER_TEACHER = 20
CHUNK = 10_000

#: the rare characters that must survive every door (forms, PDF, labels)
RARE_CHARS = ("堃", "喆", "峯")
EXT_B_CHAR = "\U0002a6a5"  # 𪚥, CJK Unified Ideographs Extension B


class DemoError(Exception):
    """The demo school cannot be made here; the message is for the clerk (Traditional Chinese)."""


# ============================================================================ name data

# (surname, weight ‰ of the population, romanisation for user names)
_SURNAMES: tuple[tuple[str, float, str], ...] = (
    ("陳", 111, "chen"), ("林", 83, "lin"), ("黃", 60, "huang"), ("張", 53, "chang"),
    ("李", 51, "lee"), ("王", 41, "wang"), ("吳", 40, "wu"), ("劉", 32, "liu"),
    ("蔡", 29, "tsai"), ("楊", 26, "yang"), ("許", 23, "hsu"), ("鄭", 19, "cheng"),
    ("謝", 18, "hsieh"), ("洪", 15, "hung"), ("郭", 15, "kuo"), ("邱", 14, "chiu"),
    ("曾", 14, "tseng"), ("廖", 13, "liao"), ("賴", 13, "lai"), ("徐", 12, "hsu"),
    ("周", 11, "chou"), ("葉", 11, "yeh"), ("蘇", 11, "su"), ("莊", 9, "chuang"),
    ("呂", 9, "lu"), ("江", 9, "chiang"), ("何", 8, "ho"), ("蕭", 8, "hsiao"),
    ("羅", 8, "lo"), ("高", 7, "kao"), ("潘", 6, "pan"), ("簡", 6, "chien"),
    ("朱", 6, "chu"), ("鍾", 6, "chung"), ("游", 5, "yu"), ("彭", 5, "peng"),
    ("詹", 5, "chan"), ("胡", 5, "hu"), ("施", 5, "shih"), ("沈", 5, "shen"),
    ("余", 5, "yu"), ("盧", 4, "lu"), ("梁", 4, "liang"), ("趙", 4, "chao"),
    ("顏", 4, "yen"), ("柯", 4, "ko"), ("翁", 4, "weng"), ("魏", 4, "wei"),
    ("孫", 3, "sun"), ("戴", 3, "tai"), ("范", 3, "fan"), ("方", 3, "fang"),
    ("宋", 3, "sung"), ("鄧", 3, "teng"), ("杜", 2, "tu"), ("傅", 2, "fu"),
    ("侯", 2, "hou"), ("曹", 2, "tsao"), ("薛", 2, "hsueh"), ("丁", 2, "ting"),
    ("卓", 2, "cho"), ("阮", 2, "juan"), ("馬", 2, "ma"), ("董", 2, "tung"),
    ("温", 2, "wen"), ("唐", 2, "tang"), ("藍", 2, "lan"), ("石", 2, "shih"),
    ("蔣", 2, "chiang"), ("古", 2, "ku"), ("紀", 2, "chi"), ("姚", 2, "yao"),
    ("連", 2, "lien"), ("馮", 2, "feng"), ("歐", 2, "ou"), ("程", 2, "cheng"),
    ("湯", 2, "tang"), ("黎", 1, "li"), ("田", 1, "tien"), ("康", 1, "kang"),
    ("姜", 1, "chiang"), ("白", 1, "pai"), ("汪", 1, "wang"), ("鄒", 1, "tsou"),
    ("尤", 1, "yu"), ("巫", 1, "wu"), ("鐘", 1, "chung"),
    ("歐陽", 0.3, "ouyang"), ("張簡", 0.3, "changchien"), ("范姜", 0.2, "fanchiang"),
    ("司馬", 0.1, "szuma"),
)  # fmt: skip

_BOY_1 = "承宇冠柏品宥彥子家俊建哲睿宏育廷昱秉浩祐宸翊崇軒晉致恩紹彬奕勝凱嘉煒竣士"
_BOY_2 = "恩翔宇翰睿廷勳霖澤豪維銘軒佑叡綸傑安誠哲宏文凱鈞辰澄均旭達邦"
_GIRL_1 = "宜品子詠芯語思欣雨筱佳若于沛郁心亭怡芷采羽可以姿書映詩珮昀婕"
_GIRL_2 = "蓁妍晴彤妤瑄涵萱恩庭瑜婷潔綺穎慈菲薰寧安柔瑩伶瑀璇琪嫻真樺玥"
_MAN = ("志明", "家豪", "建宏", "俊傑", "宗翰", "志偉", "冠宇", "信宏", "明哲", "文雄",
        "國華", "正雄", "俊宏", "家銘", "志豪", "建志", "智偉", "明宏", "宏仁", "嘉宏",
        "政達", "育賢", "承志", "偉倫", "士傑", "彥廷", "振宇", "致遠", "永福", "金龍")
_WOMAN = ("淑芬", "美玲", "雅婷", "怡君", "佩君", "淑惠", "美惠", "麗華", "雅惠", "惠雯",
          "淑娟", "秀英", "佳蓉", "怡婷", "靜怡", "佩珊", "雅雯", "欣怡", "慧君", "婉婷",
          "玉珍", "碧霞", "素貞", "宜臻", "筱涵", "詩婷", "曉萍", "家慧", "郁雯", "秀琴")

# ============================================================================ address data

#: 臺中市 districts: relative weight (population, the school's neighbours doubled)
_TAICHUNG_WEIGHTS: dict[str, float] = {
    "北屯區": 600, "西屯區": 700, "南屯區": 400, "大里區": 212, "太平區": 196, "北區": 200,
    "豐原區": 165, "南區": 127, "西區": 200, "東區": 76, "中區": 18, "沙鹿區": 97,
    "大雅區": 150, "潭子區": 110, "烏日區": 77, "龍井區": 120, "清水區": 86, "霧峰區": 64,
    "神岡區": 80, "大甲區": 75, "梧棲區": 60, "后里區": 54, "東勢區": 49, "大肚區": 56,
    "新社區": 23, "外埔區": 32, "石岡區": 14, "大安區": 18, "和平區": 11,
}  # fmt: skip

#: real street names of 臺中市's districts
_TAICHUNG_STREETS: dict[str, tuple[str, ...]] = {
    "西屯區": ("福星路", "西屯路二段", "西屯路三段", "文心路三段", "河南路二段", "青海路二段",
              "逢甲路", "福科路", "黎明路三段", "市政路", "朝富路", "安和路", "大墩十八街",
              "工業區一路", "至善路", "惠來路二段"),
    "北屯區": ("崇德路二段", "崇德路三段", "文心路四段", "北屯路", "興安路二段", "松竹路二段",
              "軍功路二段", "太原路三段", "東山路一段", "昌平路一段", "敦富路", "景賢路"),
    "南屯區": ("公益路二段", "大墩路", "五權西路二段", "黎明路二段", "文心南路", "向上路二段",
              "永春東路", "南屯路二段", "惠中路三段", "大進街"),
    "西區": ("公益路", "五權五街", "民生路", "美村路一段", "忠明南路", "英才路", "向上路一段",
             "精誠路", "華美街", "模範街"),
    "北區": ("三民路三段", "漢口路四段", "學士路", "健行路", "進化北路", "五權路", "錦南街",
             "崇德路一段", "雙十路二段", "中清路一段"),
    "南區": ("復興路三段", "建成路", "五權南路", "國光路", "美村路二段", "興大路", "南平路",
             "工學路", "忠明南路"),
    "東區": ("建成路", "旱溪東路一段", "十甲路", "東英路", "進德路", "自由路三段", "樂業路"),
    "中區": ("中山路", "自由路二段", "民族路", "成功路", "綠川東街", "中華路一段"),
    "太平區": ("中山路二段", "樹孝路", "太平路", "宜昌路", "新平路二段", "中興東路", "東平路"),
    "大里區": ("中興路二段", "德芳南路", "東榮路", "大明路", "國光路二段", "成功路", "永隆路"),
    "霧峰區": ("中正路", "樹仁路", "四德路", "吉峰東路", "峰堤路"),
    "烏日區": ("中山路三段", "三民街", "光明路", "高鐵東路", "環河路"),
    "豐原區": ("中正路", "圓環東路", "三民路", "成功路", "豐勢路一段", "向陽路", "水源路"),
    "潭子區": ("中山路二段", "潭興路一段", "勝利路", "頭家東路", "福潭路"),
    "大雅區": ("中清路四段", "學府路", "雅環路二段", "民生路三段", "神林南路"),
    "沙鹿區": ("中山路", "北勢東路", "鎮南路二段", "光華路", "四平街", "英才路"),
    "龍井區": ("臺灣大道五段", "沙田路四段", "新興路", "遊園南路"),
    "清水區": ("中山路", "中華路", "五權路", "鎮南街", "光華路"),
    "梧棲區": ("中和街", "大智路二段", "文化路一段", "八德路"),
    "大甲區": ("中山路一段", "蔣公路", "順天路", "經國路"),
    "神岡區": ("中山路", "大豐路四段", "三民路"),
    "大肚區": ("沙田路一段", "遊園路一段", "中山路"),
    "后里區": ("甲后路一段", "三豐路", "廣福路"),
    "東勢區": ("豐勢路", "中山路", "第一橫街"),
    "新社區": ("中和街", "興社街"),
    "石岡區": ("豐勢路", "明德路"),
    "外埔區": ("甲后路五段", "六分路"),
    "大安區": ("中山南路", "大安港路"),
    "和平區": ("東關路三段",),
}  # fmt: skip

_GENERIC_STREETS = ("中山路", "中正路", "民生路", "民族路", "民權路", "建國路", "光復路",
                    "復興路", "和平路", "自由路", "成功路", "忠孝路", "仁愛路", "信義路",
                    "中華路", "文化路", "公園路", "博愛路", "三民路", "大同路")
_SECTIONS = ("一段", "二段", "三段")
_VILLAGE_NAMES = ("中山", "光明", "福興", "新興", "永安", "仁和", "中正", "大同", "文昌",
                  "興隆", "三民", "德化", "長春", "富貴", "平安")

#: other 縣市 (share of the students who do not live in 臺中市)
_OTHER_CITY_WEIGHTS: dict[str, float] = {
    "彰化縣": 40, "南投縣": 25, "苗栗縣": 12, "臺北市": 3, "新北市": 4, "桃園市": 3,
    "新竹市": 1, "新竹縣": 1, "雲林縣": 3, "嘉義市": 1, "嘉義縣": 1, "臺南市": 2, "高雄市": 2,
    "宜蘭縣": 0.5, "花蓮縣": 0.5, "臺東縣": 0.5, "屏東縣": 0.5, "澎湖縣": 0.3,
    "金門縣": 0.3, "基隆市": 0.3, "連江縣": 0.1,
}  # fmt: skip

#: 身分證 first letter by the 縣市 of the household registration
_CITY_LETTER: dict[str, str] = {
    "臺北市": "A", "臺中市": "B", "基隆市": "C", "臺南市": "D", "高雄市": "E", "新北市": "F",
    "宜蘭縣": "G", "桃園市": "H", "嘉義市": "I", "新竹縣": "J", "苗栗縣": "K", "南投縣": "M",
    "彰化縣": "N", "新竹市": "O", "雲林縣": "P", "嘉義縣": "Q", "屏東縣": "T", "花蓮縣": "U",
    "臺東縣": "V", "金門縣": "W", "澎湖縣": "X", "連江縣": "Z",
}  # fmt: skip

#: landline prefixes (area code and first local digit) where the students live most
_LANDLINE: dict[str, str] = {"臺中市": "04-2", "彰化縣": "04-7", "南投縣": "049-2"}

# ============================================================================ course data


@dataclass(frozen=True)
class _Subject:
    name: str
    category: str  # position 17
    domain: str  # positions 20–21
    subject: str  # positions 22–23
    specialty: str  # which teachers teach it
    attribute: str = "1"  # position 19
    delivery: str = "0"  # position 18
    class_group: str = "0"  # position 16: 1 自然組, 2 社會組
    difficulty: float = 0.0  # added to a student's usual score
    scored: bool = True  # False: no 學期成績 (團體活動, 自主學習), not credit-counted


_S = _Subject
SUBJECTS: dict[str, _Subject] = {
    "chi": _S("國語文", "1", "01", "01", "國文"),
    "eng": _S("英語文", "1", "01", "02", "英文", difficulty=-1),
    "math": _S("數學", "1", "02", "01", "數學", difficulty=-4),
    "mathA": _S("數學A", "1", "02", "02", "數學", class_group="1", difficulty=-4),
    "mathB": _S("數學B", "1", "02", "03", "數學", class_group="2", difficulty=-2),
    "hist": _S("歷史", "1", "03", "01", "社會"),
    "geo": _S("地理", "1", "03", "02", "社會"),
    "civ": _S("公民與社會", "1", "03", "03", "社會", difficulty=1),
    "phy": _S("物理", "1", "04", "01", "自然", difficulty=-4),
    "chem": _S("化學", "1", "04", "02", "自然", difficulty=-3),
    "bio": _S("生物", "1", "04", "03", "自然"),
    "earth": _S("地球科學", "1", "04", "04", "自然", difficulty=1),
    "natinq": _S("自然科學探究與實作", "1", "04", "05", "自然", difficulty=2),
    "music": _S("音樂", "1", "05", "01", "藝術", difficulty=6),
    "art": _S("美術", "1", "05", "02", "藝術", difficulty=6),
    "artlife": _S("藝術生活", "1", "05", "03", "藝術", difficulty=6),
    "career": _S("生涯規劃", "1", "06", "01", "綜合", difficulty=7),
    "home": _S("家政", "1", "06", "02", "綜合", difficulty=6),
    "it": _S("資訊科技", "1", "07", "01", "科技", difficulty=2),
    "tech": _S("生活科技", "1", "07", "02", "科技", difficulty=4),
    "pe": _S("體育", "1", "08", "01", "健體", difficulty=7),
    "health": _S("健康與護理", "1", "08", "02", "健體", difficulty=5),
    "def": _S("全民國防教育", "1", "09", "01", "國防", difficulty=7),
    "topic": _S("專題探究", "2", "00", "T1", "綜合", difficulty=4),
    "read": _S("閱讀與寫作", "2", "01", "T2", "國文", difficulty=2),
    "xeng": _S("英文作文", "3", "01", "11", "英文", difficulty=-2),
    "mathJ": _S("數學甲", "3", "02", "11", "數學", class_group="1", difficulty=-6),
    "mathY": _S("數學乙", "3", "02", "12", "數學", class_group="2", difficulty=-3),
    "xphy1": _S("選修物理－力學一", "3", "04", "11", "自然", class_group="1", difficulty=-5),
    "xphy2": _S("選修物理－力學二與熱學", "3", "04", "12", "自然", class_group="1",
                difficulty=-5),
    "xphy3": _S("選修物理－電磁現象", "3", "04", "13", "自然", class_group="1", difficulty=-5),
    "xchem1": _S("選修化學－物質與能量", "3", "04", "21", "自然", class_group="1",
                 difficulty=-3),
    "xchem2": _S("選修化學－物質構造與反應速率", "3", "04", "22", "自然", class_group="1",
                 difficulty=-3),
    "xchem3": _S("選修化學－化學反應與平衡", "3", "04", "23", "自然", class_group="1",
                 difficulty=-3),
    "xbio1": _S("選修生物－細胞與遺傳", "3", "04", "31", "自然", class_group="1"),
    "xbio2": _S("選修生物－生質能源與生物技術", "3", "04", "32", "自然", class_group="1"),
    "xhist1": _S("探究與實作：歷史學探究", "3", "03", "11", "社會", class_group="2"),
    "xhist2": _S("現代世界的發展", "3", "03", "12", "社會", class_group="2"),
    "xhist3": _S("歷史學探究－臺灣史", "3", "03", "13", "社會", class_group="2"),
    "xgeo1": _S("探究與實作：地理與人文社會科學研究", "3", "03", "21", "社會",
                class_group="2"),
    "xgeo2": _S("空間資訊科技", "3", "03", "22", "社會", class_group="2"),
    "xgeo3": _S("社會環境議題", "3", "03", "23", "社會", class_group="2"),
    "xciv1": _S("民主政治與法律", "3", "03", "31", "社會", class_group="2"),
    "xciv2": _S("哲學與人生", "3", "03", "32", "社會", class_group="2"),
    "act": _S("班級活動", "8", "00", "01", "綜合", attribute="0", scored=False),
    # 彈性學習時間
    "self": _S("自主學習", "9", "00", "91", "綜合", attribute="A", scored=False),
    "enrich": _S("充實增廣：數學解題", "9", "02", "91", "數學", attribute="D", difficulty=3),
    "remedy": _S("補強教學：英文", "9", "01", "91", "英文", attribute="D", difficulty=2),
    # 多元選修 (跨班選修)
    "e_code": _S("程式設計入門", "5", "07", "51", "科技", delivery="1", difficulty=3),
    "e_talk": _S("英語聽說訓練", "5", "01", "51", "英文", delivery="1", difficulty=3),
    "e_sci": _S("科學閱讀與寫作", "5", "04", "51", "自然", delivery="1", difficulty=3),
    "e_city": _S("臺中文史踏查", "5", "03", "51", "社會", delivery="1", difficulty=5),
    "e_film": _S("影像創作", "5", "05", "51", "藝術", delivery="1", difficulty=6),
    "e_model": _S("數學建模", "5", "02", "51", "數學", delivery="1", difficulty=1),
    "e_jp": _S("日語入門", "5", "01", "52", "英文", delivery="1", difficulty=4),
    "e_sport": _S("運動科學", "5", "08", "51", "健體", delivery="1", difficulty=6),
    "e_law": _S("生活中的法律", "5", "03", "52", "社會", delivery="1", difficulty=4),
    "e_game": _S("桌遊與邏輯思考", "5", "02", "52", "數學", delivery="1", difficulty=5),
}  # fmt: skip

_ELECTIVES = ("e_code", "e_talk", "e_sci", "e_city", "e_film", "e_model", "e_jp", "e_sport",
              "e_law", "e_game")
_FLEX = (("self", 0.5), ("enrich", 0.3), ("remedy", 0.2))
ELECT, FLEX = "ELECT", "FLEX"

#: (grade, semester) → [(subject or (自然組, 社會組) pair, credits), …, ELECT, FLEX]
PLANS: dict[tuple[int, int], list[Any]] = {
    (1, 1): [("chi", 4), ("eng", 4), ("math", 4), ("hist", 2), ("geo", 2), ("phy", 2),
             ("chem", 2), ("music", 1), ("pe", 2), ("def", 1), ("it", 2), ("career", 1),
             ("act", 0), ELECT, FLEX],
    (1, 2): [("chi", 4), ("eng", 4), ("math", 4), ("civ", 2), ("bio", 2), ("earth", 2),
             ("art", 1), ("pe", 2), ("health", 1), ("tech", 2), ("home", 1), ("act", 0),
             ELECT, FLEX],
    (2, 1): [("chi", 4), ("eng", 4), (("mathA", "mathB"), 4), ("hist", 2), ("geo", 2),
             ("civ", 2), ("artlife", 1), ("pe", 2), ("health", 1), ("topic", 2),
             (("xphy1", "xhist1"), 2), ("act", 0), ELECT, FLEX],
    (2, 2): [("chi", 4), ("eng", 4), (("mathA", "mathB"), 4), ("hist", 2), ("geo", 2),
             ("civ", 2), ("natinq", 2), ("pe", 2), ("topic", 2), (("xchem1", "xgeo1"), 2),
             ("act", 0), ELECT, FLEX],
    (3, 1): [("chi", 4), ("eng", 4), (("mathJ", "mathY"), 4), ("pe", 2),
             (("xphy2", "xhist2"), 3), (("xchem2", "xgeo2"), 3), (("xbio1", "xciv1"), 2),
             ("xeng", 2), ("read", 2), ("health", 1), ("act", 0), ELECT, FLEX],
    (3, 2): [("chi", 4), ("eng", 4), (("mathJ", "mathY"), 4), ("pe", 2),
             (("xphy3", "xciv2"), 3), (("xchem3", "xgeo3"), 2), (("xbio2", "xhist3"), 2),
             ("read", 2), ("artlife", 1), ("career", 1), ("act", 0), ELECT, FLEX],
}  # fmt: skip

#: teachers per specialty (share of the teaching staff)
_SPECIALTIES: dict[str, float] = {
    "國文": 18, "英文": 16, "數學": 16, "社會": 14, "自然": 16, "藝術": 5, "綜合": 4,
    "科技": 4, "健體": 6, "國防": 1,
}  # fmt: skip

# ============================================================================ record texts

_OUTCOME_KINDS: dict[str, tuple[str, ...]] = {
    "國文": ("閱讀心得", "讀書報告", "專題寫作", "古典詩文賞析"),
    "英文": ("英文短文寫作", "英語簡報", "閱讀心得", "英文履歷"),
    "數學": ("數學小論文", "解題報告", "數學建模成果"),
    "社會": ("小論文", "田野調查報告", "專題簡報", "議題評論"),
    "自然": ("實驗報告", "科學小論文", "探究實作成果"),
    "藝術": ("作品集", "創作成果", "展演紀錄"),
    "綜合": ("學習心得", "專題成果", "生涯探索報告"),
    "科技": ("程式作品", "實作成果", "設計報告"),
    "健體": ("運動紀錄與心得", "健康促進計畫"),
    "國防": ("學習心得", "專題報告"),
}  # fmt: skip
_OUTCOME_DETAILS = (
    "整理課堂所學並延伸查找資料，說明自己的觀察、推論與想法。",
    "與組員分工合作完成，我負責資料蒐集與簡報製作，並在課堂上報告。",
    "從生活中的問題出發，設計步驟、記錄結果，最後檢討改進之處。",
    "閱讀相關文本後寫下心得，並比較不同觀點的異同。",
    "依老師回饋修改兩次後完成，過程中學會如何引用資料與標註出處。",
    "結合課堂內容與自身經驗，完成作品並說明創作理念。",
)  # fmt: skip
_RETURN_REASONS = (
    "上傳的檔案不是本課程的作業，請確認是否選錯課程後重新上傳。",
    "檔案無法開啟（檔案損毀），請重新上傳。",
    "上傳內容與成果名稱不符，請確認檔案後重新上傳。",
)
_CONSULT_PLACES = ("輔導室", "課程諮詢室", "圖書館討論室", "班級教室", "生涯規劃教室")
_CONSULT_TIMES = ("08:10", "10:10", "12:20", "13:10", "15:10", "16:10")
_CONSULT_CONTENT = (
    "討論下學期選課方向與大學學群興趣的關聯。",
    "說明加深加廣選修課程的內容與修課負擔，協助擬定選課清單。",
    "檢視學習歷程檔案中已認證的課程學習成果，討論如何挑選提交項目。",
    "學生想轉換選組方向，了解其動機與各組課程差異。",
    "討論多元選修課程的選擇與未來升學規劃。",
    "學生對自然組課程感到吃力，討論補強方式與修課安排。",
    "說明彈性學習時間自主學習計畫的撰寫方式。",
)  # fmt: skip
_CONSULT_OPINION = (
    "建議先參考學群探索結果，再決定加深加廣選修。",
    "建議與家長討論後於選課系統開放前確認。",
    "學生規劃清楚，依原選課計畫即可。",
    "建議參加校內補強課程，並於下次諮詢追蹤學習狀況。",
    "建議多參與相關營隊或講座，累積探索經驗。",
    None,
)  # fmt: skip
_CLASS_CADRES = ("班長", "副班長", "風紀股長", "學藝股長", "總務股長", "衛生股長", "康樂股長")
_CLUBS = ("吉他社", "熱舞社", "辯論社", "攝影社", "天文社", "童軍社", "動漫研究社", "籃球社",
          "熱音社", "桌遊社", "英語話劇社", "科學研究社")
_CLUB_POSITIONS = ("社長", "副社長", "總務", "美宣", "公關")
_COUNCIL = "學生自治會"
_COUNCIL_POSITIONS = ("會長", "副會長", "秘書長", "活動部長", "學權部長", "公關部長")

#: 項目 of each competition of the templates below
_COMPETITION_ITEMS = {
    "全國高級中等學校英語演講比賽": "英語演講", "臺中市高級中等學校科學展覽會": "物理科",
    "校內國語文競賽作文組": "作文", "全國高中職程式設計競賽": "程式設計",
    "校內班際籃球賽": "籃球", "國際青年數學競賽": "數學",
}

# kind → templates (title, organiser, level, results, hours range, in school, link share)
_PERF: dict[str, tuple[tuple[Any, ...], ...]] = {
    "幹部經歷暨事蹟紀錄": (
        ("班級幹部事蹟：協助辦理班級活動", "本校學務處", None, (None,), None, True, 0),
        ("社團幹部事蹟：籌辦社團成果發表會", "本校學務處", None, (None,), None, True, 0),
    ),
    "競賽參與紀錄": (
        ("全國高級中等學校英語演講比賽", "教育部國民及學前教育署", "全國",
         ("第一名", "第二名", "第三名", "優等", "甲等", "佳作"), None, False, 0),
        ("臺中市高級中等學校科學展覽會", "臺中市政府教育局", "縣市級",
         ("第一名", "第二名", "第三名", "佳作", "入選"), None, False, 0.2),
        ("校內國語文競賽作文組", "本校教務處", "校級",
         ("第一名", "第二名", "第三名", "佳作"), None, True, 0),
        ("全國高中職程式設計競賽", "國立臺灣師範大學", "全國",
         ("金牌", "銀牌", "銅牌", "佳作", "參賽"), None, False, 0),
        ("校內班際籃球賽", "本校體育組", "校級", ("冠軍", "亞軍", "季軍", "參賽"), None, True,
         0),
        ("國際青年數學競賽", "國際青年數學競賽委員會", "國際", ("銀牌", "銅牌", "優勝"),
         None, False, 0),
    ),
    "檢定證照紀錄": (
        ("全民英檢中級初試", "財團法人語言訓練測驗中心", None, ("通過",), None, False, 0),
        ("全民英檢中高級初試", "財團法人語言訓練測驗中心", None, ("通過",), None, False, 0),
        ("日本語能力試驗N4", "日本台灣交流協會", None, ("合格",), None, False, 0),
        ("電腦軟體應用丙級技術士", "勞動部勞動力發展署", None, ("合格",), None, False, 0),
        ("TOEIC多益測驗", "忠欣股份有限公司", None, ("650分", "730分", "785分", "860分"),
         None, False, 0),
    ),
    "服務學習紀錄": (
        ("圖書館志工", "本校圖書館", None, (None,), (6, 30), True, 0),
        ("醫院志工服務", "臺中榮民總醫院", None, (None,), (8, 40), False, 0),
        ("淨灘活動", "臺中市環境保護局", None, (None,), (3, 8), False, 0),
        ("社區課後陪讀", "西屯區公所", None, (None,), (10, 36), False, 0),
        ("校園環境整理", "本校學務處", None, (None,), (4, 12), True, 0),
    ),
    "彈性學習時間紀錄": (
        ("自主學習：以Python分析空氣品質資料", "本校教務處", None, (None,), (18, 36),
         True, 0.3),
        ("自主學習：臺中舊城區建築調查", "本校教務處", None, (None,), (18, 36), True, 0),
        ("充實增廣：化學實驗精進", "本校教務處", None, (None,), (12, 18), True, 0),
        ("學校特色活動：城市探索週", "本校教務處", None, (None,), (6, 12), True, 0),
    ),
    "團體活動時間紀錄": (
        ("社團活動：吉他社", "本校學務處", None, (None,), (18, 36), True, 0),
        ("社團活動：天文社", "本校學務處", None, (None,), (18, 36), True, 0),
        ("週會：性別平等教育講座", "本校學務處", None, (None,), (1, 2), True, 0),
        ("班級活動：班級自治與班會", "本校學務處", None, (None,), (10, 18), True, 0),
    ),
    "職場學習紀錄": (
        ("醫療院所職場參訪", "中國醫藥大學附設醫院", None, (None,), (3, 8), False, 0),
        ("科技公司職場體驗", "中部科學園區管理局", None, (None,), (4, 16), False, 0),
    ),
    "作品成果紀錄": (
        ("個人攝影作品集", None, None, (None,), None, True, 0.8),
        ("獨立遊戲開發作品", None, None, (None,), None, False, 0.8),
        ("校刊專題報導", "本校校刊社", None, (None,), None, True, 0.3),
    ),
    "大學及技專校院先修課程紀錄": (
        ("大學先修課程：微積分", "國立中興大學", None, ("及格",), (18, 36), False, 0),
        ("大學先修課程：經濟學原理", "東海大學", None, ("及格",), (18, 36), False, 0),
        ("AP課程：普通物理", "國立清華大學", None, ("及格",), (18, 36), False, 0),
    ),
    "其他多元表現紀錄": (
        ("參加大學科系探索營", "國立臺灣大學", None, (None,), (12, 24), False, 0),
        ("模擬聯合國會議", "臺中市高中模擬聯合國協會", None, ("最佳代表", None), (8, 20),
         False, 0),
        ("擔任校慶活動主持人", "本校學務處", None, (None,), (2, 6), True, 0),
    ),
}  # fmt: skip
#: 多元表現 kinds that usually come with a file: (what it is, file kind)
_EVIDENCE: dict[str, tuple[str, str]] = {
    "競賽參與紀錄": ("獎狀", "png"), "檢定證照紀錄": ("證書", "pdf"),
    "服務學習紀錄": ("服務證明", "pdf"), "作品成果紀錄": ("作品", "pdf"),
    "大學及技專校院先修課程紀錄": ("修課證明", "pdf"), "職場學習紀錄": ("心得", "pdf"),
}
_PERF_KIND_WEIGHTS = (8, 18, 10, 16, 14, 12, 4, 6, 3, 9)
_PERF_SUMMARY = {
    "幹部經歷暨事蹟紀錄": "擔任幹部期間協助老師與同學辦理活動，學會溝通協調與時間管理。",
    "競賽參與紀錄": "賽前與指導老師反覆練習，比賽中沉著應對，賽後檢討並記錄改進方向。",
    "檢定證照紀錄": "利用課餘時間準備檢定，規劃讀書進度並完成測驗，取得證明。",
    "服務學習紀錄": "參與服務前先了解服務對象需求，過程中學習同理他人並反思自身角色。",
    "彈性學習時間紀錄": "自訂學習主題與進度，蒐集資料、實作並撰寫成果報告，在發表會分享。",
    "團體活動時間紀錄": "積極參與團體活動，與夥伴合作完成任務，培養團隊精神與責任感。",
    "職場學習紀錄": "實地參訪了解職場工作內容與所需能力，作為未來選擇科系的參考。",
    "作品成果紀錄": "從構想、製作到修改獨立完成作品，記錄創作過程與心得。",
    "大學及技專校院先修課程紀錄": "修習大學開設的先修課程並通過評量，提前接觸大學課程內容。",
    "其他多元表現紀錄": "參與活動拓展視野，認識不同領域的人與知識，思考自己的興趣方向。",
}  # fmt: skip

_LEVEL_NAMES = {1: "一", 2: "二", 3: "三"}


def _cn_number(n: int) -> str:
    """1–99 in Chinese numerals (十一, 二十, 二十六)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def first_day(term: Term) -> date:
    """開學日 (approximately): 8/30 or 2/11."""
    y = ad_year(term.school_year)
    return date(y, 8, 30) if term.semester == 1 else date(y + 1, 2, 11)


def last_day(term: Term) -> date:
    """休業式 (approximately): 1/20 or 6/30."""
    y = ad_year(term.school_year)
    return date(y + 1, 1, 20) if term.semester == 1 else date(y + 1, 6, 30)


def graduation_date(entry_year: int) -> date:
    """學籍異動日期 of a graduate: the end of July of the third school year."""
    return date(ad_year(entry_year + 2) + 1, 7, 31)


# ============================================================================ sample files


def _pdf(lines: Sequence[str]) -> bytes:
    """A small valid one-page PDF (Helvetica text) with a correct cross-reference table."""
    text = " ".join(f"BT /F1 {18 if i == 0 else 12} Tf 72 {770 - 28 * i} Td ({line}) Tj ET"
                    for i, line in enumerate(lines))
    stream = text.encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _png(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """A small valid RGB PNG: a coloured card with a darker band."""
    dark = tuple(c // 2 for c in colour)
    rows = b"".join(
        b"\x00" + bytes((dark if height // 3 <= y < height // 3 + 6 else colour) * width)
        for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def sample_files() -> dict[str, list[bytes]]:
    """The few distinct files the demo attaches (kind → contents)."""
    pdfs = [_pdf([f"LXP Desktop demo school - sample file {i}",
                  "This file stands in for a student's work or certificate.",
                  "Synthetic data: no real person is described here."]) for i in range(1, 9)]
    colours = ((222, 235, 247), (229, 245, 224), (254, 230, 206), (239, 237, 245))
    pngs = [_png(160, 120, c) for c in colours]
    return {"pdf": pdfs, "png": pngs}


# ============================================================================ the model


@dataclass
class _Kid:
    id: uuid.UUID
    cohort: int
    gender: str
    name: str
    class_index: int
    track: int  # 0 自然組, 1 社會組
    ability: float
    birth: date
    terms: list[Term]  # terms with enrolments
    seq: int = 0
    student_no: str = ""
    status: str = "在學"
    status_date: date | None = None
    left: date | None = None  # the day a departed student left
    arrived: date | None = None  # the day a 轉入 student arrived
    extended: bool = False  # 延修
    retakes: list[tuple[Term, str, int]] = field(default_factory=list)  # (term, subject, credits)


@dataclass
class _CourseInfo:
    id: uuid.UUID
    key: str
    name: str
    credits: int
    grade: int
    teacher_id: uuid.UUID
    specialty: str
    subject: _Subject


class _Writer:
    """Buffers rows per table and inserts them with Core executemany, parents first."""

    ORDER: tuple[type[SyncMixin], ...] = (
        School, Setting, TermRow, Staff, SchoolClass, Student, ClassMembership, Course,
        Enrolment, CadreRecord, Consultation, Outcome, Performance, Attachment,
    )

    def __init__(self, session: Session, base: dict[str, Any]) -> None:
        self.session = session
        self.base = base
        self.buffers: dict[type[SyncMixin], list[dict[str, Any]]] = {m: [] for m in self.ORDER}
        self.counts: dict[type[SyncMixin], int] = {m: 0 for m in self.ORDER}
        self.pending = 0

    def add(self, model: type[SyncMixin], row: dict[str, Any]) -> dict[str, Any]:
        full = dict(self.base)
        full.update(row)
        if "id" not in row:
            full["id"] = uuid.uuid4()
        self.buffers[model].append(full)
        self.pending += 1
        if self.pending >= CHUNK:
            self.flush()
        return full

    def flush(self) -> None:
        for model in self.ORDER:
            rows = self.buffers[model]
            if rows:
                self.session.execute(insert(model.__table__), rows)  # type: ignore[attr-defined]
                self.counts[model] += len(rows)
                self.buffers[model] = []
        self.pending = 0


def _check(kind: str, errors: Sequence[Any], row: dict[str, Any]) -> None:
    if errors:
        shown = {k: v for k, v in row.items() if k not in ("updated_at", "origin", "updated_by")}
        raise RuntimeError(
            f"示範資料產生了不合規則的{kind}（程式錯誤）："
            + "；".join(e.message for e in errors) + f"\n{shown}")


class _Weighted:
    """A fast weighted choice over fixed items."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


# ============================================================================ the generator


class _Demo:
    def __init__(self, ws: Workspace, students: int, seed: int, today: date,
                 progress: Callable[[str], None], validate: bool, years: int = 5) -> None:
        self.ws = ws
        self.n = students
        self.rng = random.Random(seed)
        self.today = today
        self.progress = progress
        self.validate = validate
        self.current = term_of(today)
        self.sy = self.current.school_year
        # one entry cohort per 學年度 kept: the three in school and ``years`` − 3 graduated
        self.cohorts = list(range(self.sy - years + 1, self.sy + 1))
        self.terms: list[Term] = []
        t = Term(self.cohorts[0], 1)
        while t <= self.current:
            self.terms.append(t)
            t = t.next()
        self.surnames = _Weighted([s for s, _w, _r in _SURNAMES], [w for _s, w, _r in _SURNAMES])
        self.roman = {s: r for s, _w, r in _SURNAMES}
        tc = [(d, w) for d, w in _TAICHUNG_WEIGHTS.items()]
        self.taichung = _Weighted([d for d, _ in tc], [w for _, w in tc])
        others = [(c, d) for code, c, d in postal.districts()
                  if c in _OTHER_CITY_WEIGHTS and code not in ("290", "817", "819")]
        per_city = {c: sum(1 for cc, _ in others if cc == c) for c in _OTHER_CITY_WEIGHTS}
        self.elsewhere = _Weighted(others, [_OTHER_CITY_WEIGHTS[c] / per_city[c]
                                            for c, _ in others])
        self.ids: set[str] = set()
        self.usernames: set[str] = set()
        self.kids: list[_Kid] = []
        self.class_ids: dict[tuple[int, int, int], uuid.UUID] = {}  # (year, grade, index)
        self.class_names: dict[tuple[int, int, int], str] = {}
        self.class_count: dict[int, int] = {}  # cohort → classes
        self.consultant_of: dict[tuple[int, int, int], uuid.UUID] = {}
        self.teachers: dict[str, list[uuid.UUID]] = {}
        self.teacher_turn: dict[str, int] = {}
        self.courses: dict[tuple[Term, int, str], _CourseInfo] = {}  # (term, cohort, key)

    # --- helpers ---------------------------------------------------------------------
    def say(self, text: str) -> None:
        self.progress(text)

    def grade_of(self, cohort: int, term: Term) -> int:
        return term.school_year - cohort + 1

    def cohort_terms(self, cohort: int) -> list[Term]:
        return [t for t in self.terms if cohort <= t.school_year <= cohort + 2]

    def scored(self, term: Term) -> bool:
        """A term has 學期成績 once its 休業式 is past."""
        return last_day(term) < self.today

    def weekday_between(self, lo: date, hi: date) -> date | None:
        if hi < lo:
            return None
        for _ in range(8):
            d = lo + timedelta(days=self.rng.randint(0, (hi - lo).days))
            if d.weekday() < 5:
                return d
        return d

    def person_name(self, gender: str, adult: bool = False) -> str:
        rng = self.rng
        surname: str = self.surnames.pick(rng)
        if adult:
            given: str = rng.choice(_MAN if gender == "1" else _WOMAN)
            return surname + given
        first, second = (_BOY_1, _BOY_2) if gender == "1" else (_GIRL_1, _GIRL_2)
        if rng.random() < 0.03:  # a single-character given name
            return surname + rng.choice(second)
        a: str = rng.choice(first)
        b: str = rng.choice(second)
        while b == a:
            b = rng.choice(second)
        return surname + a + b

    def username(self, name: str) -> str:
        surname = name[:2] if name[:2] in self.roman else name[:1]
        base = self.roman.get(surname, "staff")
        for k in itertools.count(1):
            candidate = f"{base}{k:02d}"
            if candidate not in self.usernames:
                self.usernames.add(candidate)
                return candidate
        raise AssertionError  # pragma: no cover

    def national_id(self, city: str, gender: str, birth: date) -> str:
        rng = self.rng
        if rng.random() < 0.08:  # registered elsewhere than where the family lives now
            city = rng.choice(list(_CITY_LETTER))
        letter = _CITY_LETTER[city]
        if city == "臺中市" and birth < date(2010, 12, 25) and rng.random() < 0.45:
            letter = "L"  # the former 臺中縣
        while True:
            number = make_id(letter, gender, f"{rng.randrange(10_000_000):07d}")
            if number not in self.ids:
                self.ids.add(number)
                return number

    def address(self) -> tuple[str, str, str]:
        """(postal code, address, 縣市)."""
        rng = self.rng
        if rng.random() < 0.86:
            city, district = "臺中市", self.taichung.pick(rng)
            street = rng.choice(_TAICHUNG_STREETS[district])
        else:
            city, district = self.elsewhere.pick(rng)
            street = rng.choice(_GENERIC_STREETS)
            if rng.random() < 0.3:
                street += rng.choice(_SECTIONS)
        code = postal.code_of(city, district)
        assert code is not None, (city, district)
        village = ""
        if rng.random() < 0.12:
            suffix = "村" if district.endswith("鄉") else "里"
            village = f"{rng.choice(_VILLAGE_NAMES)}{suffix}{rng.randint(1, 30)}鄰"
        lane = alley = floor = ""
        if rng.random() < 0.35:
            lane = f"{rng.randint(1, 320)}巷"
            if rng.random() < 0.25:
                alley = f"{rng.randint(1, 30)}弄"
        number = f"{rng.randint(1, 420)}"
        if rng.random() < 0.05:
            number += f"之{rng.randint(1, 6)}"
        if rng.random() < 0.45:
            floor = f"{rng.randint(2, 18)}樓"
            if rng.random() < 0.1:
                floor += f"之{rng.randint(1, 9)}"
        roll = rng.random()
        if roll < 0.6:
            full_code = code
        elif roll < 0.85:
            full_code = f"{code}{rng.randint(1, 999):03d}"
        else:
            full_code = f"{code}{rng.randint(1, 99):02d}"
        return full_code, f"{city}{district}{village}{street}{lane}{alley}{number}號{floor}", city

    def phone(self, city: str) -> str:
        rng = self.rng
        prefix = _LANDLINE.get(city)
        if prefix is None or rng.random() < 0.45:
            return f"09{rng.randint(10, 89)}-{rng.randint(0, 999):03d}-{rng.randint(0, 999):03d}"
        if city == "臺中市":  # 8-digit local numbers
            return f"{prefix}{rng.randint(0, 999):03d}-{rng.randint(0, 9999):04d}"
        return f"{prefix}{rng.randint(0, 999_999):06d}"

    def teacher_for(self, specialty: str) -> uuid.UUID:
        pool = self.teachers[specialty]
        turn = self.teacher_turn.get(specialty, 0)
        self.teacher_turn[specialty] = turn + 1
        return pool[turn % len(pool)]

    def clean(self, kind: str, cleaner: Callable[..., Any], raw: dict[str, Any],
              **kwargs: Any) -> dict[str, Any]:
        values, errors = cleaner(raw, **kwargs)
        _check(kind, errors, raw)
        return values  # type: ignore[no-any-return]

    # --- the steps ---------------------------------------------------------------------
    def run(self, session: Session) -> dict[str, int]:
        actor = self.ws.actor
        self.w = _Writer(session, {
            "version": 1, "updated_at": utcnow(), "updated_by": actor.staff_id,
            "origin": actor.workstation, "deleted": False,
        })
        self.usernames.update(session.scalars(select(Staff.username)))
        self.say("建立學校、學期、教職員與班級…")
        self.plan_staff()
        self.make_students()
        self.plan_classes()
        self.make_school()
        for row in self.staff_rows:
            self.w.add(Staff, row)
        for row in self.class_rows:
            self.w.add(SchoolClass, row)
        self.say("建立學生…")
        self.write_students()
        self.make_blobs(session)
        for term in self.terms:
            self.say(f"建立 {term.label} 的課程、修課紀錄、幹部經歷、課程諮詢與學習成果…")
            self.make_term(term)
        self.say("建立多元表現…")
        self.make_performances()
        self.say("寫入資料庫…")
        self.w.flush()
        self.give_demo_accounts_work(session)
        audit_actor = actor.with_source(SOURCE)
        if self.blob_count:
            audit.record(session, audit_actor, "blob", "demo", "import",
                         {"rows": (None, self.blob_count)})
        for model in _Writer.ORDER:
            n = self.w.counts[model]
            if n:
                table = model.__table__.name  # type: ignore[attr-defined]
                audit.record(session, audit_actor, table, "demo", "import",
                             {"rows": (None, n)})
        c = self.w.counts
        departed = sum(1 for k in self.kids if k.status in enums.LEFT_STATUSES)
        return {
            "學期": c[TermRow], "班級": c[SchoolClass], "教職員": c[Staff],
            "學生": c[Student], "在校學生": len(self.kids) - departed, "離校學生": departed,
            "課程": c[Course], "修課紀錄": c[Enrolment], "幹部經歷": c[CadreRecord],
            "課程諮詢紀錄": c[Consultation], "課程學習成果": c[Outcome],
            "多元表現": c[Performance], "附件": c[Attachment],
        }

    def give_demo_accounts_work(self, session: Session) -> None:
        """The demo accounts of the teachers' roles (``teacher``, ``homeroom``, ``consultant``,
        made before the school) take over a generated colleague's work, so that signing in as
        them shows what a teacher sees: the courses (and their outcomes to certify) of the
        busiest teacher of the current term, class 101 of the current year, the consultations
        of the busiest consultant. Written like the rest of the school, before any sync."""
        demo: dict[str, uuid.UUID] = {
            name: staff_id for name, staff_id in session.execute(
                select(Staff.username, Staff.id).where(
                    Staff.username.in_(("teacher", "homeroom", "consultant"))))}
        if not demo:
            return
        current = self.current

        def busiest(column: Any, *where: Any) -> Any:
            return session.scalar(select(column).where(*where).group_by(column)
                                  .order_by(func.count().desc(), column).limit(1))

        if "teacher" in demo:
            old = busiest(Course.teacher_id, Course.school_year == current.school_year,
                          Course.semester == current.semester, Course.teacher_id.is_not(None))
            session.execute(update(Course).where(Course.teacher_id == old)
                            .values(teacher_id=demo["teacher"]))
            session.execute(update(Outcome).where(Outcome.certified_by == old)
                            .values(certified_by=demo["teacher"]))
        if "homeroom" in demo:
            session.execute(update(SchoolClass).where(
                SchoolClass.school_year == current.school_year, SchoolClass.code == "101")
                .values(homeroom_teacher_id=demo["homeroom"]))
        if "consultant" in demo:
            old = busiest(Consultation.consultant_id)
            session.execute(update(Consultation).where(Consultation.consultant_id == old)
                            .values(consultant_id=demo["consultant"]))

    def make_blobs(self, session: Session) -> None:
        """Store the sample files once (by hash) and their Blob rows; checked like uploads."""
        # beside the workspace's database, as paths.blobs_dir() is for the app's own folder
        path = self.ws.store.path
        store = BlobStore(path.parent / "attachments") if path else default_store()
        self.files: dict[str, list[str]] = {}
        rows = []
        for kind, contents in sample_files().items():
            for data in contents:
                found, problem = check_file(data[:HEAD_SIZE], len(data), self.current)
                assert found == kind and problem is None, (kind, problem)
                stored = store.put_bytes(data)
                self.files.setdefault(kind, []).append(stored.sha256)
                if session.get(Blob, stored.sha256) is None:
                    rows.append({"sha256": stored.sha256, "kind": kind, "size": stored.size,
                                 "created_at": utcnow()})
        if rows:
            session.execute(insert(Blob), rows)
        self.blob_count = len(rows)

    def attach(self, owner_table: str, owner_id: uuid.UUID, name: str, kind: str) -> None:
        sha = self.rng.choice(self.files[kind])
        self.w.add(Attachment, {"owner_table": owner_table, "owner_id": owner_id,
                                "sha256": sha, "filename": clean_filename(f"{name}.{kind}")})

    def make_school(self) -> None:
        assert postal.check_address(SCHOOL_POSTAL, SCHOOL_ADDRESS) is None
        registrar = next(r for r in self.staff_rows if r["roles"] == "registrar")
        self.w.add(School, {
            "code": SCHOOL_CODE, "name": SCHOOL_NAME, "postal_code": SCHOOL_POSTAL,
            "address": SCHOOL_ADDRESS, "phone": SCHOOL_PHONE,
            "registrar_name": registrar["name"],
            "registrar_phone": "04-2358-0000#201", "registrar_email": f"registrar@{MAIL_DOMAIN}",
        })
        for spec in SCHOOL_SETTINGS.values():
            self.w.add(Setting, {"key": spec.key,
                                 "value": json.dumps(spec.default, ensure_ascii=False)})
        for term in self.terms:
            start, end = default_dates(term)
            self.w.add(TermRow, {"school_year": term.school_year, "semester": term.semester,
                                 "start_date": start, "end_date": end,
                                 "certification_deadline": last_day(term) + timedelta(days=21)})

    def add_staff(self, name: str, roles: str, ext: int) -> uuid.UUID:
        username = self.username(name)
        staff_id = uuid.uuid4()
        self.staff_rows.append({
            "id": staff_id, "username": username, "name": name, "roles": roles,
            "email": f"{username}@{MAIL_DOMAIN}", "phone": f"04-2358-0000#{ext}",
            "active": True, "password_hash": None,
        })
        return staff_id

    def plan_staff(self) -> None:
        rng = self.rng
        offices = (
            ("registrar", 2, 201), ("academic", 2, 211), ("curriculum", 2, 221),
            ("student_affairs", 2, 231), ("counseling", 3, 241),
        )
        self.office: dict[str, list[uuid.UUID]] = {}
        self.staff_rows: list[dict[str, Any]] = []
        for role, count, ext in offices:
            for i in range(count):
                gender = rng.choice("12")
                roles = role + (",consultant" if role == "counseling" and i else "")
                self.office.setdefault(role, []).append(
                    self.add_staff(self.person_name(gender, adult=True), roles, ext + i))

        grade_size = math.ceil(self.n / 3)
        classes_per_year = 3 * max(1, round(grade_size / STUDENTS_PER_CLASS))
        n_teachers = max(2 * len(_SPECIALTIES), round(self.n / STUDENTS_PER_TEACHER),
                         classes_per_year + 4)
        specialty_of = _Weighted(list(_SPECIALTIES), list(_SPECIALTIES.values()))
        specialties = list(_SPECIALTIES) + [specialty_of.pick(rng)
                                            for _ in range(n_teachers - len(_SPECIALTIES))]
        n_consultants = max(2, round(self.n / 150))
        consultant_index = set(rng.sample(range(n_teachers), n_consultants))
        self.teacher_list: list[uuid.UUID] = []
        self.consultants: list[uuid.UUID] = list(self.office["counseling"][1:])
        self._teacher_rows: list[dict[str, Any]] = []
        for i, specialty in enumerate(specialties):
            teacher_roles = ["teacher"]
            if i in consultant_index:
                teacher_roles.append("consultant")
            name = self.person_name(rng.choice("12"), adult=True)
            staff_id = self.add_staff(name, ",".join(teacher_roles), 300 + i)
            self._teacher_rows.append(self.staff_rows[-1])
            self.teachers.setdefault(specialty, []).append(staff_id)
            self.teacher_list.append(staff_id)
            if i in consultant_index:
                self.consultants.append(staff_id)

    def make_students(self) -> None:
        rng = self.rng
        sizes = [self.n // 3 + (1 if i < self.n % 3 else 0) for i in range(3)]
        grade_size = round(self.n / 3)
        # cohort → size: graduates (−4, −3, … as many as are kept) then grades 3, 2, 1
        size_of = {c: grade_size for c in self.cohorts[:-3]}
        size_of.update({self.sy - 2: sizes[2], self.sy - 1: sizes[1], self.sy: sizes[0]})
        for cohort in self.cohorts:
            size = max(1, size_of[cohort])
            n_classes = max(1, round(size / STUDENTS_PER_CLASS))
            self.class_count[cohort] = n_classes
            entry = ad_year(cohort)
            born_lo, born_hi = date(entry - 16, 9, 2), date(entry - 15, 9, 1)
            span = (born_hi - born_lo).days
            kids = []
            for i in range(size):
                gender = "1" if rng.random() < 0.51 else "2"
                birth = born_lo + timedelta(days=rng.randint(0, span))
                if rng.random() < 0.03:  # started school a year late
                    birth -= timedelta(days=365)
                kids.append(_Kid(
                    id=uuid.uuid4(), cohort=cohort, gender=gender,
                    name=self.person_name(gender), class_index=i % n_classes + 1,
                    track=0 if rng.random() < 0.58 else 1,
                    ability=rng.gauss(79, 6), birth=birth, terms=self.cohort_terms(cohort)))
            rng.shuffle(kids)
            for i, kid in enumerate(kids):
                kid.class_index = i % n_classes + 1
            kids.sort(key=lambda k: (k.class_index, k.gender, k.name))
            for seq, kid in enumerate(kids, 1):
                kid.seq = seq
                kid.student_no = f"{cohort}{seq:04d}"
            self.kids.extend(kids)
        self.assign_statuses()
        self.assign_rare_names()

    def assign_statuses(self) -> None:
        rng, today = self.rng, self.today
        current = [k for k in self.kids if k.cohort >= self.sy - 2]
        pool = current[:]
        rng.shuffle(pool)

        def take(count: int, ok: Callable[[_Kid], bool]) -> list[_Kid]:
            chosen: list[_Kid] = []
            for kid in list(pool):
                if len(chosen) >= count:
                    break
                if ok(kid):
                    chosen.append(kid)
                    pool.remove(kid)
            return chosen

        def can_leave(kid: _Kid) -> bool:
            return first_day(Term(kid.cohort, 1)) + timedelta(days=14) <= today - timedelta(days=2)

        n = len(current)
        for status, share in (("轉出", 0.02), ("休學", 0.01), ("退學", 0.005)):
            for kid in take(max(1, round(n * share)), can_leave):
                lo = first_day(Term(kid.cohort, 1)) + timedelta(days=14)
                left = self.weekday_between(lo, today - timedelta(days=2)) or lo
                kid.status, kid.status_date, kid.left = status, left, left
                kid.terms = [t for t in kid.terms if default_dates(t)[0] <= left]
        # 轉入: arrived at the start of a later term of their cohort
        for kid in take(max(1, round(n * 0.006)), lambda k: len(k.terms) >= 2 and
                        first_day(k.terms[1]) - timedelta(days=10) <= today):
            options = [i for i in range(1, len(kid.terms))
                       if first_day(kid.terms[i]) - timedelta(days=10) <= today]
            i = rng.choice(options)
            arrived = first_day(kid.terms[i]) - timedelta(days=rng.randint(3, 10))
            kid.status, kid.status_date, kid.arrived = "轉入", arrived, arrived
            kid.terms = kid.terms[i:]
        # 復學: missed one term (休學), back at the start of the next
        for kid in take(max(1, round(n * 0.004)), lambda k: len(k.terms) >= 3 and
                        first_day(k.terms[2]) - timedelta(days=7) <= today):
            options = [i for i in range(1, len(kid.terms) - 1)
                       if first_day(kid.terms[i + 1]) - timedelta(days=7) <= today]
            i = rng.choice(options)
            back = first_day(kid.terms[i + 1]) - timedelta(days=rng.randint(1, 7))
            kid.status, kid.status_date = "復學", back
            kid.terms = kid.terms[:i] + kid.terms[i + 1:]
        # transfers-in get the next 學號 of their cohort and the smallest class
        for kid in [k for k in self.kids if k.status == "轉入"]:
            mates = [k for k in self.kids if k.cohort == kid.cohort and k is not kid]
            kid.seq = max(k.seq for k in mates) + 1
            kid.student_no = f"{kid.cohort}{kid.seq:04d}"
            sizes = {i: 0 for i in range(1, self.class_count[kid.cohort] + 1)}
            for k in mates:
                sizes[k.class_index] += 1
            kid.class_index = min(sizes, key=lambda i: (sizes[i], i))
        # graduates; a few of the latest ones stay on (延修) to retake failed courses
        latest = [k for k in self.kids if k.cohort == self.sy - 3]
        extended = set(id(k) for k in rng.sample(latest, min(len(latest),
                                                             max(1, round(self.n * 0.002)))))
        year_terms = [t for t in self.terms if t.school_year == self.sy]
        for kid in self.kids:
            if kid.cohort > self.sy - 3:
                continue
            if id(kid) in extended:
                kid.status, kid.extended = "延修", True
                kid.status_date = default_dates(Term(self.sy, 1))[0]
                last_year = [t for t in kid.terms if t.school_year == kid.cohort + 2]
                for t in last_year:
                    for key in self.rng.sample(self.track_keys(kid, t), 2):
                        kid.retakes.append((t, key, 0))
                kid.terms = kid.terms + [t for t in year_terms if t.semester in
                                         {r[0].semester for r in kid.retakes}]
            else:
                kid.status, kid.status_date = "畢業", graduation_date(kid.cohort)

    def track_keys(self, kid: _Kid, term: Term) -> list[str]:
        """The scored plan subjects of a student in a term (no electives)."""
        out = []
        for item in PLANS[(self.grade_of(kid.cohort, term), term.semester)]:
            if item in (ELECT, FLEX):
                continue
            key, _credits = item
            key = key[kid.track] if isinstance(key, tuple) else key
            if SUBJECTS[key].scored:
                out.append(key)
        return out

    def assign_rare_names(self) -> None:
        rng = self.rng
        graduates = [k for k in self.kids if k.status == "畢業"]
        departed = [k for k in self.kids if k.status in ("轉出", "休學", "退學")]
        current = [k for k in self.kids if k.status not in enums.LEFT_STATUSES]
        per_char = max(1, self.n // 600)
        for i, ch in enumerate(RARE_CHARS):
            pools = (graduates, departed, current)
            for j in range(per_char + 1):
                pool = pools[(i + j) % 3] or current
                kid = rng.choice(pool)
                surname = kid.name[:2] if kid.name[:2] in self.roman else kid.name[:1]
                given = kid.name[len(surname):]
                kid.name = surname + (given[0] + ch if len(given) >= 2 else ch)
        plain = [k for k in graduates if not any(c in k.name for c in RARE_CHARS)]
        kid = rng.choice([k for k in plain if k.cohort == self.sy - 3] or plain or graduates)
        surname = kid.name[:2] if kid.name[:2] in self.roman else kid.name[:1]
        kid.name = surname + EXT_B_CHAR + rng.choice(_BOY_2 if kid.gender == "1" else _GIRL_2)

    def plan_classes(self) -> None:
        rng = self.rng
        teachers = self.teacher_list
        self.class_rows: list[dict[str, Any]] = []
        homeroom_of: dict[tuple[int, int, int], uuid.UUID] = {}
        for year in range(self.cohorts[0], self.sy + 1):
            order = list(range(len(teachers)))
            rng.shuffle(order)
            turn = 0
            for cohort in self.cohorts:
                grade = year - cohort + 1
                if not 1 <= grade <= 3:
                    continue
                for i in range(1, self.class_count[cohort] + 1):
                    key = (year, grade, i)
                    # the grade-1 homeroom teacher changes at grade 2, then stays
                    if grade == 3 and (year - 1, 2, i) in homeroom_of:
                        homeroom = homeroom_of[(year - 1, 2, i)]
                    else:
                        homeroom = teachers[order[turn % len(order)]]
                        turn += 1
                    homeroom_of[key] = homeroom
                    name = f"{_cn_number(grade)}年{_cn_number(i)}班"
                    row: dict[str, Any] = {
                        "id": uuid.uuid4(), "school_year": year, "code": f"{grade}{i:02d}",
                        "name": name, "grade": grade, "homeroom_teacher_id": homeroom,
                        # 群別 11 學術群 and 科別 101 普通科, as in the courses' codes
                        "group_code": "11", "program_code": "101"}
                    self.class_rows.append(row)
                    self.class_ids[key] = row["id"]
                    self.class_names[key] = name
                    self.consultant_of[key] = self.consultants[
                        (i + 7 * grade) % len(self.consultants)]
        current_homerooms = {v for k, v in homeroom_of.items() if k[0] == self.sy}
        for row in self._teacher_rows:
            if row["id"] in current_homerooms:
                row["roles"] += ",homeroom"

    def class_key(self, kid: _Kid, year: int) -> tuple[int, int, int]:
        return (year, year - kid.cohort + 1, kid.class_index)

    def last_class(self, kid: _Kid) -> tuple[int, int, int]:
        year = min(kid.cohort + 2, self.sy)
        if kid.left is not None:
            year = term_of(kid.left).school_year
        return self.class_key(kid, year)

    def write_students(self) -> None:
        rng = self.rng
        by_class: dict[tuple[int, int, int], list[_Kid]] = {}
        for kid in self.kids:
            by_class.setdefault(self.last_class(kid), []).append(kid)
        seat: dict[int, int] = {}
        for members in by_class.values():
            members.sort(key=lambda k: (k.gender, k.student_no))
            for i, kid in enumerate(members, 1):
                seat[id(kid)] = i
        for kid in self.kids:
            postal_code, address, city = self.address()
            birth = kid.birth
            guardian_roll = rng.random()
            surname = kid.name[:2] if kid.name[:2] in self.roman else kid.name[:1]
            if guardian_roll < 0.6:
                guardian = surname + rng.choice(_MAN)
            elif guardian_roll < 0.95:
                guardian = self.person_name("2", adult=True)
            else:
                guardian = self.person_name(rng.choice("12"), adult=True)
            key = self.last_class(kid)
            row = {
                "id": kid.id, "student_no": kid.student_no,
                "national_id": self.national_id(city, kid.gender, birth), "name": kid.name,
                "gender": kid.gender, "birth_date": birth, "class_id": self.class_ids[key],
                "seat_no": seat[id(kid)], "status": kid.status, "status_date": kid.status_date,
                "guardian": guardian, "postal_code": postal_code, "address": address,
                "phone": self.phone(city),
                "email": (f"{kid.student_no}@{STUDENT_MAIL_DOMAIN}" if rng.random() < 0.4
                          else None),
            }
            if self.validate:
                raw = dict(row, class_code=f"{key[1]}{key[2]:02d}")
                self.clean("學生基本資料", records.clean_student, raw, today=self.today)
            self.w.add(Student, row)
        self.write_memberships()

    def write_memberships(self) -> None:
        """Each student's class and seat of every 學年度 at school: the first year's class,
        then each year's promotion (``domain.promotion.next_code``: 101 → 201 → 301; a 延修
        student stays in a 三年級 class), seats by gender and 學號 within each class."""
        by_class: dict[tuple[int, str], list[tuple[_Kid, uuid.UUID]]] = {}
        code_ids = {(y, f"{g}{i:02d}"): cid for (y, g, i), cid in self.class_ids.items()}
        for kid in self.kids:
            years = sorted({t.school_year for t in kid.terms})
            code: str | None = None
            for year in years:
                grade = year - kid.cohort + 1
                if code is None or grade == 1:
                    code = f"{min(grade, promotion_rules.TOP_GRADE)}{kid.class_index:02d}"
                elif grade <= promotion_rules.TOP_GRADE:
                    code = promotion_rules.next_code(code, int(code[0])) or code
                # a 延修 year beyond 三年級 keeps the 三年級 code (or the first such class)
                cid = code_ids.get((year, code)) or code_ids.get((year, "301"))
                if cid is not None:
                    by_class.setdefault((year, code), []).append((kid, cid))
        for (year, _code), members in sorted(by_class.items()):
            members.sort(key=lambda m: (m[0].gender, m[0].student_no))
            for seat, (kid, cid) in enumerate(members, 1):
                self.w.add(ClassMembership, {
                    "id": membership_id(kid.id, year), "student_id": kid.id,
                    "school_year": year, "class_id": cid, "seat_no": seat})

    # --- one term ------------------------------------------------------------------------
    def course(self, term: Term, cohort: int, key: str, credits: int,
               grade: int | None = None) -> _CourseInfo:
        """The course of a cohort's subject in a term; ``grade`` for a retake (重修)."""
        found = self.courses.get((term, cohort, key))
        if found is not None:
            return found
        s = SUBJECTS[key]
        grade = grade or self.grade_of(cohort, term)
        code = make_course_code(cohort, SCHOOL_CODE, "H", "11", "101", s.class_group,
                                s.category, s.delivery, s.attribute, s.domain, s.subject)
        teacher = self.teacher_for(s.specialty)
        row: dict[str, Any] = {
            "code": code, "name": s.name, "credits": credits, "category": s.category,
            "grade": grade, "school_year": term.school_year, "semester": term.semester,
            "teacher_id": teacher}
        if self.validate:
            values = self.clean("課程", records.clean_course, row, school_code=SCHOOL_CODE)
            assert values["category"] == s.category
        row = self.w.add(Course, row)
        info = _CourseInfo(row["id"], key, s.name, credits, grade, teacher, s.specialty, s)
        self.courses[(term, cohort, key)] = info
        return info

    def make_term(self, term: Term) -> None:
        rng = self.rng
        scored = self.scored(term)
        attending = [k for k in self.kids if term in k.terms]
        # the retake courses of this term first (their codes are not in the regular plan)
        regular: dict[int, set[str]] = {}
        for cohort in self.cohorts:
            grade = self.grade_of(cohort, term)
            if 1 <= grade <= 3:
                keys: set[str] = set()
                for item in PLANS[(grade, term.semester)]:
                    if item == ELECT:
                        keys.update(_ELECTIVES)
                    elif item == FLEX:
                        keys.update(k for k, _ in _FLEX)
                    else:
                        keys.update(item[0] if isinstance(item[0], tuple) else (item[0],))
                regular[cohort] = keys
        n_electives = {c: min(len(_ELECTIVES), max(2, math.ceil(
            self.class_count[c] * STUDENTS_PER_CLASS / 45))) for c in self.cohorts}
        enrolled: dict[int, list[tuple[uuid.UUID, _CourseInfo]]] = {}
        for kid in attending:
            grade = self.grade_of(kid.cohort, term)
            partial = kid.left is not None and default_dates(term)[0] <= kid.left <= \
                default_dates(term)[1]
            has_score = scored and not partial
            mine: list[tuple[_CourseInfo, str]] = []
            if grade <= 3:
                for item in PLANS[(grade, term.semester)]:
                    if item == ELECT:
                        options = _ELECTIVES[:n_electives[kid.cohort]]
                        key = options[(kid.seq * 7 + term.semester * 3 + grade) % len(options)]
                        mine.append((self.course(term, kid.cohort, key, 2), "原修"))
                    elif item == FLEX:
                        roll, acc, key = rng.random(), 0.0, "self"
                        for k, share in _FLEX:
                            acc += share
                            if roll < acc:
                                key = k
                                break
                        mine.append((self.course(term, kid.cohort, key,
                                                 1 if SUBJECTS[key].scored else 0), "原修"))
                    else:
                        key, credits = item
                        key = key[kid.track] if isinstance(key, tuple) else key
                        mine.append((self.course(term, kid.cohort, key, credits), "原修"))
            for retake_term, key, _credits in kid.retakes:
                if (retake_term.semester == term.semester
                        and retake_term.school_year + 1 == term.school_year
                        and key not in regular.get(kid.cohort, set())):
                    original = self.courses[(retake_term, kid.cohort, key)]
                    mine.append((self.course(term, kid.cohort, key, original.credits,
                                             original.grade), "重修"))
            rows = enrolled.setdefault(id(kid), [])
            note = (f"{format_roc(kid.left)} {kid.status}，無學期成績。"
                    if partial and kid.left else None)
            for info, kind in mine:
                rows.append((self.enrol(kid, term, info, kind, has_score, note), info))
        self.make_outcomes(term, attending, enrolled)
        self.make_consultations(term, attending)
        self.make_cadres(term, attending)

    def enrol(self, kid: _Kid, term: Term, info: _CourseInfo, kind: str,
              has_score: bool, note: str | None = None) -> uuid.UUID:
        """One enrolment; ``note`` is the remark of a student who left during the term."""
        rng = self.rng
        s = info.subject
        score = passed = makeup = makeup_passed = None
        remark = note
        counted = s.scored
        if not s.scored:
            if has_score:
                remark = rng.choice(("積極參與，表現良好。", "能準時出席並完成任務。",
                                     "主動協助同學，態度認真。", "完成學習計畫並上台分享成果。"))
        elif has_score:
            value = kid.ability + s.difficulty + rng.gauss(0, 7)
            if kind == "重修":
                value = max(value, 52) + 8
            forced_fail = kid.extended and any(
                r[0] == term and r[1] == info.key for r in kid.retakes)
            if forced_fail:
                value = rng.randint(38, 55)
            score = float(min(99, max(20, round(value))))
            passed = score >= 60
            if not passed:
                if rng.random() < 0.8 or forced_fail:
                    makeup = float(rng.randint(35, 58) if forced_fail
                                   else min(95, max(25, round(rng.gauss(61, 9)))))
                    makeup_passed = makeup >= 60
                if not makeup_passed and not forced_fail and kind == "原修":
                    kid.retakes.append((term, info.key, info.credits))
        row = {"student_id": kid.id, "course_id": info.id, "school_year": term.school_year,
               "semester": term.semester, "credits": info.credits, "score": score,
               "passed": None, "makeup_score": makeup, "makeup_passed": None,
               "credit_counted": counted, "kind": kind, "remark": remark}
        if self.validate:
            values = self.clean("修課紀錄", records.clean_enrolment, row)
            row["passed"], row["makeup_passed"] = values["passed"], values["makeup_passed"]
        else:
            row["passed"], row["makeup_passed"] = passed, makeup_passed
        return self.w.add(Enrolment, row)["id"]  # type: ignore[no-any-return]

    def when(self, term: Term, lo_days: int = 7) -> date | None:
        """A school day of the term that is not in the future."""
        return self.weekday_between(first_day(term) + timedelta(days=lo_days),
                                    min(last_day(term), self.today - timedelta(days=1)))

    def make_outcomes(self, term: Term, attending: list[_Kid],
                      enrolled: dict[int, list[tuple[uuid.UUID, _CourseInfo]]]) -> None:
        rng = self.rng
        past = self.scored(term)
        deadline = last_day(term) + timedelta(days=21)
        counts = _Weighted((0, 1, 2, 3, 4), (25, 25, 25, 15, 10))
        states = _Weighted(("已認證", "待認證", "退回"), (85, 10, 5) if past else (35, 55, 10))
        for kid in attending:
            if kid.left is not None and default_dates(term)[0] <= kid.left:
                continue  # left during this term
            credited = [(e, c) for e, c in enrolled.get(id(kid), []) if c.credits > 0]
            k = min(counts.pick(rng), len(credited))
            selected_left = 3 if term.school_year < self.sy else 0
            for enrolment_id, info in rng.sample(credited, k):
                uploaded = self.when(term, 20)
                if uploaded is None:
                    continue
                status = states.pick(rng)
                certified_at = None
                if status != "待認證":
                    day = self.weekday_between(uploaded, min(deadline, self.today)) or uploaded
                    certified_at = datetime(day.year, day.month, day.day,
                                            rng.randint(0, 9), rng.randint(0, 59), tzinfo=UTC)
                kind = rng.choice(_OUTCOME_KINDS[info.specialty])
                title = f"{info.name}{kind}"
                if len(title) > 50:
                    title = kind
                summary = f"本件為「{info.name}」課程的{kind}，{rng.choice(_OUTCOME_DETAILS)}"
                row = {"student_id": kid.id, "enrolment_id": enrolment_id,
                       "school_year": term.school_year, "semester": term.semester,
                       "title": title, "summary": summary, "status": status,
                       "certified_by": info.teacher_id if status != "待認證" else None,
                       "certified_for": None, "certified_at": certified_at,
                       "return_reason": rng.choice(_RETURN_REASONS) if status == "退回" else None,
                       "selected": False}
                if status == "已認證" and selected_left and rng.random() < 0.7:
                    row["selected"] = True
                    selected_left -= 1
                if self.validate:
                    self.clean("課程學習成果", records.clean_outcome, row)
                outcome_id = self.w.add(Outcome, row)["id"]
                self.attach("outcome", outcome_id, f"{kid.student_no}_{title}",
                            "pdf" if rng.random() < 0.75 else "png")

    def make_consultations(self, term: Term, attending: list[_Kid]) -> None:
        rng = self.rng
        for kid in attending:
            if rng.random() >= 0.3:
                continue
            hi = min(last_day(term), self.today - timedelta(days=1))
            if kid.left is not None:
                hi = min(hi, kid.left - timedelta(days=1))
            day = self.weekday_between(first_day(term) + timedelta(days=14), hi)
            if day is None:
                continue
            key = self.class_key(kid, term.school_year)
            consultant = self.consultant_of.get(key) or self.consultants[0]
            row = {"student_id": kid.id, "consultant_id": consultant,
                   "school_year": term.school_year, "semester": term.semester, "date": day,
                   "time": rng.choice(_CONSULT_TIMES), "place": rng.choice(_CONSULT_PLACES),
                   "content": rng.choice(_CONSULT_CONTENT),
                   "opinion": rng.choice(_CONSULT_OPINION)}
            if self.validate:
                values = self.clean("課程諮詢紀錄", records.clean_consultation, row)
                assert (values["school_year"], values["semester"]) == \
                    (term.school_year, term.semester)
            self.w.add(Consultation, row)

    def make_cadres(self, term: Term, attending: list[_Kid]) -> None:
        rng = self.rng
        start = first_day(term)
        if start > self.today:
            return
        end = last_day(term)
        present = [k for k in attending if k.left is None or k.left > end]
        by_class: dict[tuple[int, int, int], list[_Kid]] = {}
        for kid in present:
            if kid.cohort + 2 >= term.school_year:  # not a 延修 student
                by_class.setdefault(self.class_key(kid, term.school_year), []).append(kid)
        taken: set[int] = set()

        def add(kid: _Kid, unit: str, position: str, level: int) -> None:
            taken.add(id(kid))
            row = {"student_id": kid.id, "school_year": term.school_year,
                   "semester": term.semester, "unit_name": unit, "position": position,
                   "level": level, "start_date": start, "end_date": end}
            if self.validate:
                self.clean("幹部經歷", records.clean_cadre, row)
            self.w.add(CadreRecord, row)

        for key in sorted(by_class):
            members = by_class[key]
            for position, kid in zip(_CLASS_CADRES, rng.sample(members, min(
                    len(members), len(_CLASS_CADRES))), strict=False):
                add(kid, self.class_names[key], position, 2)
        free = [k for k in present if id(k) not in taken and k.cohort + 2 >= term.school_year]
        rng.shuffle(free)
        n_clubs = min(len(_CLUBS), max(2, self.n // 250))
        slots = [(club, pos, 3) for club in _CLUBS[:n_clubs] for pos in _CLUB_POSITIONS]
        slots += [(_COUNCIL, pos, 1) for pos in _COUNCIL_POSITIONS]
        for (unit, position, level), kid in zip(slots, free, strict=False):
            add(kid, unit, position, level)

    # --- yearly ----------------------------------------------------------------------------
    def make_performances(self) -> None:
        rng = self.rng
        kinds = _Weighted(enums.PERFORMANCE_KINDS, _PERF_KIND_WEIGHTS)
        counts = _Weighted((0, 1, 2, 3, 4, 5, 6), (12, 16, 20, 20, 14, 10, 8))
        for kid in self.kids:
            years = sorted({t.school_year for t in kid.terms if t.school_year <= kid.cohort + 2})
            for year in years:
                lo = max(first_day(Term(year, 1)), kid.arrived or date.min)
                hi = min(last_day(Term(year, 2)), self.today - timedelta(days=1),
                         kid.left or date.max)
                if hi < lo:
                    continue
                seen: set[tuple[str, str]] = set()
                for _ in range(counts.pick(rng)):
                    kind = kinds.pick(rng)
                    title, organiser, level, results, hours, in_school, link = rng.choice(
                        _PERF[kind])
                    if (kind, title) in seen:
                        continue
                    seen.add((kind, title))
                    start = self.weekday_between(lo, hi) or lo
                    end = min(hi, start + timedelta(days=rng.choice((0, 0, 1, 2, 30, 60))))
                    item = participation = None
                    if kind == records.COMPETITION:  # 競賽等級 and 團體參與 as codes
                        level = code_lists.parse("競賽等級", level)
                        item = _COMPETITION_ITEMS.get(title)
                        participation = "2" if "班際" in title else "1"
                    row = {"student_id": kid.id, "school_year": year, "kind": kind,
                           "item": item, "participation": participation,
                           "title": title, "organiser": organiser, "level": level,
                           "start_date": start, "end_date": end,
                           "hours": float(rng.randint(*hours)) if hours else None,
                           "result": rng.choice(results),
                           "summary": _PERF_SUMMARY[kind],
                           "external_link": (f"https://portfolio.{MAIL_DOMAIN}/"
                                             f"{kid.student_no}/{year}-{len(seen)}"
                                             if rng.random() < link else None),
                           "in_school": in_school,
                           "selected": year < self.sy and rng.random() < 0.7}
                    if self.validate:
                        self.clean("多元表現", records.clean_performance, row)
                    performance_id = self.w.add(Performance, row)["id"]
                    evidence = _EVIDENCE.get(kind)
                    if evidence and rng.random() < 0.7:
                        self.attach("performance", performance_id,
                                    f"{kid.student_no}_{title}_{evidence[0]}", evidence[1])


def _existing(session: Session) -> dict[str, int]:
    found = {}
    for model, label in ((Student, "學生"), (Course, "課程"), (SchoolClass, "班級"),
                         (TermRow, "學期"), (School, "學校資料")):
        n = session.scalar(select(func.count()).select_from(model)) or 0
        if n:
            found[label] = int(n)
    return found


#: school years of students a demo store keeps (``years``): by default the three grades and
#: two graduated cohorts; a school keeps records five years after graduation (eight cohorts,
#: ``years=8``, the store the ten-year benchmarks use)
YEARS_DEFAULT, YEARS_MIN, YEARS_MAX = 5, 5, 12


def make_demo_school(ws: Workspace, students: int, seed: int,
                     progress: Callable[[str], None] = lambda _text: None, *,
                     today: date | None = None, validate: bool = True,
                     years: int = YEARS_DEFAULT) -> dict[str, int]:
    """Fill an empty store with a synthetic school; returns 「label」 → row count.

    ``years``: how many entry cohorts the store holds, one per 學年度 back from the current
    one (the three in school and ``years`` − 3 graduated, each of one grade's size).

    ``today`` fixes the day the school is seen from (default: ``date.today()``); with the same
    ``seed`` and day the same 學號, names, IDs, addresses and grades come out. ``validate``
    runs every record through its ``records.clean_*`` cleaner (about 5 s for 3,000 students).
    """
    if students < 1:
        raise DemoError("學生人數至少要 1 人。")
    if not YEARS_MIN <= years <= YEARS_MAX:
        raise DemoError(f"保存學年數須在 {YEARS_MIN} 到 {YEARS_MAX} 之間（在校三屆加已畢業各屆）。")
    if "admin" not in ws.actor.roles:
        raise DemoError("建立示範學校需要以系統管理者登入；請用「lxp-desktop demo」指令，"
                        "它會在新的資料夾建立示範帳號並以 admin 登入。")
    started = time.perf_counter()
    with ws.read() as session:
        found = _existing(session)
    if found:
        what = "、".join(f"{label} {n} 筆" for label, n in found.items())
        raise DemoError(
            f"這個資料庫已經有資料（{what}），示範資料不能和真實資料混在一起。"
            "請用 --data-dir 指定一個新的空資料夾，再建立示範學校。")
    demo = _Demo(ws, students, seed, today or date.today(), progress, validate, years)
    with ws.store.transaction() as session:
        summary = demo.run(session)
    elapsed = time.perf_counter() - started
    total = sum(v for k, v in summary.items() if k not in ("在校學生", "離校學生"))
    progress(f"完成：共寫入 {total:,} 筆，耗時 {elapsed:.1f} 秒。")
    return summary
