# Fictional résumés for scripts/layouts/render.py (written for it: no real person; a few real employers).
ZH = [
 {"name": "林若溪", "label": "高级后端工程师", "email": "ruoxi.lin@example.com", "phone": "138-0000-1234", "city": "杭州",
  "summary": "八年后端开发经验，熟悉分布式系统与高并发服务。",
  "work": [
   {"name": "杭州云帆科技有限公司", "position": "高级后端工程师", "location": "杭州", "startDate": "2020-04", "endDate": None,
    "highlights": ["负责订单中心的微服务改造，使用 Go 和 Kafka，峰值 QPS 3万", "主导缓存体系设计，接口延迟降低 40%"]},
   {"name": "北京星河网络技术有限公司", "position": "后端开发工程师", "location": "北京", "startDate": "2017-07", "endDate": "2020-03",
    "highlights": ["使用 Java 和 Spring Boot 开发支付网关", "维护 MySQL 分库分表方案"]},
   {"name": "上海蓝鲸信息科技有限公司", "position": "Java开发实习生", "location": "上海", "startDate": "2016-07", "endDate": "2016-12",
    "highlights": ["参与内部运营系统开发"]}],
  "education": [
   {"institution": "浙江大学", "area": "计算机科学与技术", "studyType": "硕士", "level": "master", "startDate": "2014-09", "endDate": "2017-06"},
   {"institution": "华中科技大学", "area": "软件工程", "studyType": "本科", "level": "bachelor", "startDate": "2010-09", "endDate": "2014-06"}],
  "skills": [{"name": "编程语言", "keywords": ["Go", "Java", "Python"]}, {"name": "中间件", "keywords": ["Kafka", "Redis", "MySQL"]}]},
 {"name": "周子航", "label": "数据工程师", "email": "zihang.zhou@example.com", "phone": "139-1111-5678", "city": "深圳",
  "summary": "专注数据平台与实时计算。",
  "work": [
   {"name": "深圳前海微数科技有限公司", "position": "数据工程师", "location": "深圳", "startDate": "2021-03", "endDate": None,
    "highlights": ["搭建基于 Flink 的实时数仓，日处理消息 20亿条", "使用 Spark 和 Hive 建设离线报表"]},
   {"name": "广州青禾软件有限公司", "position": "大数据开发工程师", "location": "广州", "startDate": "2018-07", "endDate": "2021-02",
    "highlights": ["负责 Hadoop 集群运维与调优"]}],
  "education": [
   {"institution": "中山大学", "area": "统计学", "studyType": "本科", "level": "bachelor", "startDate": "2014-09", "endDate": "2018-06"}],
  "skills": [{"name": "技术栈", "keywords": ["Flink", "Spark", "Hive", "Hadoop", "Scala"]}]},
 {"name": "陈思远", "label": "算法工程师", "email": "siyuan.chen@example.com", "phone": "137-2222-9012", "city": "北京",
  "summary": "推荐系统与机器学习方向。",
  "work": [
   {"name": "北京字节跳动科技有限公司", "position": "推荐算法工程师", "location": "北京", "startDate": "2022-07", "endDate": None,
    "highlights": ["负责信息流推荐的召回模型，使用 TensorFlow 与 PyTorch", "DAU 提升 2%"]},
   {"name": "微软亚洲研究院", "position": "研究实习生", "location": "北京", "startDate": "2021-06", "endDate": "2021-12",
    "highlights": ["参与图神经网络研究"]}],
  "education": [
   {"institution": "清华大学", "area": "计算机科学与技术", "studyType": "博士", "level": "doctor", "startDate": "2017-09", "endDate": "2022-06"},
   {"institution": "南京大学", "area": "数学与应用数学", "studyType": "本科", "level": "bachelor", "startDate": "2013-09", "endDate": "2017-06"}],
  "skills": [{"name": "技能", "keywords": ["Python", "C++", "TensorFlow", "PyTorch"]}]},
]
EN_EXTRA = [
 {"name": "Priya Raman", "label": "Site Reliability Engineer", "email": "priya.raman@example.com", "phone": "+1 415 555 0199", "city": "Seattle, WA",
  "summary": "SRE focused on Kubernetes platforms.",
  "work": [
   {"name": "Northwind Cloud Services", "position": "Senior Site Reliability Engineer", "location": "Seattle, WA", "startDate": "2021-02", "endDate": None,
    "highlights": ["Ran Kubernetes clusters serving 50K QPS", "Cut on-call pages by 30%"]},
   {"name": "Northwind Cloud Services", "position": "Site Reliability Engineer", "location": "Seattle, WA", "startDate": "2019-01", "endDate": "2021-01",
    "highlights": ["Built Terraform modules for AWS"]},
   {"name": "Contoso Analytics", "position": "Systems Administrator", "location": "Portland, OR", "startDate": "2016-06", "endDate": "2018-12",
    "highlights": ["Maintained Linux fleet of 400 hosts"]}],
  "education": [
   {"institution": "Oregon State University", "area": "Computer Science", "studyType": "Bachelor of Science", "level": "bachelor", "startDate": "2012-09", "endDate": "2016-06"}],
  "skills": [{"name": "Infrastructure", "keywords": ["Kubernetes", "Terraform", "AWS", "Prometheus"]}, {"name": "Languages", "keywords": ["Go", "Python", "Bash"]}]},
 {"name": "Tomás Oliveira", "label": "Mobile Developer", "email": "tomas.oliveira@example.com", "phone": "+351 912 345 678", "city": "Lisbon",
  "summary": "Android and iOS developer.",
  "work": [
   {"name": "Fabrikam Mobile Lda", "position": "Lead Mobile Developer", "location": "Lisbon", "startDate": "2020-09", "endDate": None,
    "highlights": ["Shipped a Kotlin app with 2M MAU"]},
   {"name": "Tailspin Toys", "position": "iOS Developer", "location": "Porto", "startDate": "2017-03", "endDate": "2020-08",
    "highlights": ["Wrote Swift features for the storefront app"]}],
  "education": [
   {"institution": "University of Porto", "area": "Informatics Engineering", "studyType": "Master of Science", "level": "master", "startDate": "2012-09", "endDate": "2017-02"}],
  "skills": [{"name": "Mobile", "keywords": ["Kotlin", "Swift", "Android", "iOS"]}]},
]
