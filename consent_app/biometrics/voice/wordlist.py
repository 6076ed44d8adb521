"""The fixed wordlists the per-session phrase is drawn from (256 words each, 8 bits a word).

English: concrete, easy-to-read nouns that pocketsphinx's CMU dictionary knows. 简体中文: common
two-character nouns (fruit, animals, things at home, places), read without hesitation.
"""

WORDS: tuple[str, ...] = (
    "acorn", "acrobat", "anchor", "apple", "apron", "arrow", "autumn", "badge", "bagel",
    "ballot", "bamboo", "banjo", "barrel", "basket", "beacon", "beaver", "beetle", "bench",
    "berry", "bicycle", "biscuit", "bison", "blanket", "blossom", "bottle", "bracelet",
    "branch", "bread", "breeze", "brick", "bridge", "bronze", "broom", "bubble", "bucket",
    "buffalo", "bugle", "butter", "button", "cabbage", "cabin", "cable", "cactus", "camel",
    "candle", "canoe", "canyon", "carpet", "carrot", "castle", "cedar", "cello", "chalk",
    "cherry", "chimney", "circus", "cliff", "clock", "cloud", "clover", "cobra", "coconut",
    "comet", "compass", "cookie", "copper", "coral", "cotton", "cousin", "cradle", "crayon",
    "cricket", "crystal", "cupboard", "curtain", "cushion", "daisy", "desert", "diamond",
    "dinner", "dolphin", "donkey", "dragon", "drum", "eagle", "easel", "elbow", "ember",
    "engine", "falcon", "family", "feather", "fence", "ferry", "fiddle", "finger", "flute",
    "forest", "fountain", "fox", "garden", "garlic", "ginger", "glacier", "globe", "goose",
    "granite", "grape", "gravel", "guitar", "hammer", "hamster", "harbor", "harp", "harvest",
    "hazel", "helmet", "hiking", "hockey", "honey", "horizon", "hotel", "island", "ivory",
    "jacket", "jaguar", "jasmine", "jelly", "jigsaw", "jungle", "kayak", "kettle", "kitten",
    "koala", "ladder", "lagoon", "lantern", "lemon", "lemonade", "leopard", "letter", "lettuce",
    "lily", "lizard", "lobster", "locket", "magnet", "mango", "maple", "marble", "market",
    "meadow", "melon", "mirror", "mitten", "monkey", "moose", "mountain", "muffin", "mustard",
    "napkin", "nectar", "needle", "nickel", "noodle", "oasis", "ocean", "olive", "onion",
    "orange", "orbit", "orchard", "otter", "oyster", "paddle", "palace", "panda", "paper",
    "parrot", "pasta", "peach", "peanut", "pebble", "pelican", "pencil", "pepper", "piano",
    "pickle", "pillar", "pillow", "pilot", "pirate", "planet", "pocket", "pony", "potato",
    "puddle", "pumpkin", "puppet", "purple", "quilt", "rabbit", "raccoon", "radio", "rainbow",
    "raisin", "ribbon", "river", "robin", "rocket", "saddle", "salmon", "sandal", "sapphire",
    "scarf", "shadow", "shell", "shovel", "silver", "sister", "sketch", "sparrow", "spider",
    "spoon", "squirrel", "stable", "statue", "stove", "sugar", "summer", "sunset", "swallow",
    "table", "tablet", "teapot", "temple", "tennis", "thimble", "thunder", "ticket", "tiger",
    "timber", "tomato", "tower", "tractor", "trumpet", "tulip", "tunnel", "turtle", "umbrella",
    "valley", "velvet", "violin", "wagon", "walnut", "walrus",
)

WORDS_ZH: tuple[str, ...] = (
    "苹果", "香蕉", "橘子", "葡萄", "西瓜", "桃子", "梨子", "草莓", "樱桃", "柠檬", "芒果", "菠萝",
    "椰子", "石榴", "柿子", "荔枝", "龙眼", "枇杷", "杏仁", "核桃", "花生", "栗子", "土豆", "番茄",
    "黄瓜", "茄子", "萝卜", "白菜", "菠菜", "芹菜", "南瓜", "冬瓜", "玉米", "豆腐", "面条", "米饭",
    "馒头", "包子", "饺子", "月饼", "蛋糕", "饼干", "面包", "牛奶", "咖啡", "茶叶", "果汁", "蜂蜜",
    "白糖", "食盐", "酱油", "米醋", "辣椒", "大蒜", "生姜", "香菜", "蘑菇", "木耳", "海带", "紫菜",
    "熊猫", "老虎", "狮子", "大象", "斑马", "猴子", "兔子", "松鼠", "刺猬", "狐狸", "野狼", "小狗",
    "小猫", "山羊", "绵羊", "骆驼", "袋鼠", "企鹅", "海豚", "鲸鱼", "鲨鱼", "乌龟", "青蛙", "蝴蝶",
    "蜜蜂", "蜻蜓", "蚂蚁", "燕子", "喜鹊", "鸽子", "孔雀", "天鹅", "鹦鹉", "老鹰", "鸭子", "公鸡",
    "金鱼", "螃蟹", "桌子", "椅子", "沙发", "床铺", "枕头", "被子", "窗帘", "镜子", "台灯", "闹钟",
    "雨伞", "扇子", "篮子", "盒子", "瓶子", "杯子", "盘子", "筷子", "勺子", "茶壶", "铅笔", "钢笔",
    "毛笔", "橡皮", "尺子", "书包", "课本", "字典", "报纸", "杂志", "信封", "邮票", "地图", "相机",
    "手表", "眼镜", "帽子", "围巾", "手套", "袜子", "鞋子", "裙子", "衬衫", "外套", "毛衣", "腰带",
    "口袋", "纽扣", "钥匙", "锁头", "剪刀", "锤子", "钉子", "梯子", "绳子", "水桶", "扫帚", "肥皂",
    "牙刷", "毛巾", "汽车", "火车", "飞机", "轮船", "公交", "地铁", "卡车", "马车", "帆船", "气球",
    "风筝", "火箭", "卫星", "雪橇", "滑板", "秋千", "积木", "皮球", "口琴", "钢琴", "吉他", "小号",
    "笛子", "二胡", "琵琶", "鼓槌", "铃铛", "喇叭", "唱片", "太阳", "月亮", "星星", "云朵", "彩虹",
    "雪花", "雨滴", "闪电", "微风", "露珠", "高山", "大海", "河流", "湖泊", "森林", "草原", "沙漠",
    "岛屿", "瀑布", "山谷", "田野", "花园", "果园", "竹林", "松树", "柳树", "枫叶", "荷花", "梅花",
    "菊花", "玫瑰", "百合", "茉莉", "兰花", "种子", "树叶", "树枝", "石头", "贝壳", "珍珠", "钻石",
    "黄金", "白银", "铜钱", "水晶", "琥珀", "玉石", "城堡", "宫殿", "寺庙", "宝塔", "桥梁", "灯塔",
    "码头", "车站", "机场", "邮局", "医院", "学校", "公园", "广场", "市场", "商店", "饭店", "剧院",
    "长城", "窗户", "大门", "屋顶",
)

#: statement language -> its wordlist
BY_LANGUAGE: dict[str, tuple[str, ...]] = {"en": WORDS, "zh-CN": WORDS_ZH}
