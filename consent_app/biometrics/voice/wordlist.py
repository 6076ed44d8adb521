"""The fixed English wordlist the per-session phrase is drawn from (256 words, 8 bits each).

Every word is a concrete, easy-to-read noun that pocketsphinx's CMU dictionary knows.
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
