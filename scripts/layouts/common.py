# Date formats, headings and degree lines shared by render.py and word.py.
MON = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
MONL = "January February March April May June July August September October November December".split()

H = {"en": {"exp": "Experience", "edu": "Education", "skills": "Skills", "sum": "Summary"},
     "zh": {"exp": "工作经历", "edu": "教育背景", "skills": "专业技能", "sum": "个人简介"}}

def fdate(d, style, zh=False):
    if d is None:
        return {0: "Present", 1: "Current", 2: "Now", 3: "Present"}[style % 4] if not zh else ["至今", "今", "至今"][style % 3]
    y, m = d[:4], int(d[5:7]) if len(d) >= 7 else None
    if m is None: return y
    if zh:
        return [f"{y}.{m:02d}", f"{y}年{m}月", f"{y}/{m:02d}"][style % 3]
    return [f"{MON[m-1]} {y}", f"{MONL[m-1]} {y}", f"{m:02d}/{y}", f"{MON[m-1]}. {y}"][style % 4]

def rng(a, b, style, zh=False, sep=" – "):
    return fdate(a, style, zh) + sep + fdate(b, style, zh)

def degree_line(e, zh):
    if zh: return f"{e['studyType']}，{e['area']}"
    return f"{e['studyType']} in {e['area']}" if e["area"] else e["studyType"]
