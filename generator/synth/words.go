package synth

// The words the names are made of. Place names are a prefix and a suffix
// ("Ash" + "ford"), so that the sites are full of places that sound
// English and are not, on the whole, real.

var placePrefixes = []string{
	"Alder", "Ash", "Bar", "Beck", "Birch", "Black", "Bram", "Broad", "Brook",
	"Castle", "Church", "Cold", "Cran", "Crow", "Dun", "East", "Elm", "Fair",
	"Fern", "Fox", "Glen", "Green", "Hart", "Hazel", "High", "Holly", "Kings",
	"Kirk", "Lang", "Lark", "Lyn", "Marsh", "Mel", "Mill", "Moor", "New",
	"North", "Oak", "Old", "Pen", "Queens", "Red", "River", "Rose", "Sand",
	"South", "Stan", "Stone", "Thorn", "Wal", "West", "White", "Wil", "Wood",
	"Wyn", "Yew",
}

var placeSuffixes = []string{
	"bank", "borough", "bourne", "bridge", "brook", "bury", "by", "combe",
	"cote", "croft", "dale", "dean", "field", "ford", "gate", "ham", "haven",
	"hill", "holme", "hurst", "ley", "mead", "mere", "moor", "mouth", "ness",
	"side", "stead", "stoke", "thorpe", "ton", "vale", "well", "wick", "wood",
	"worth",
}

// practiceForms turn a place into a practice name.
var practiceForms = []string{
	"%s Medical Centre", "%s Surgery", "%s Health Centre", "%s Medical Practice",
	"%s Family Practice", "The %s Practice", "%s Group Practice", "%s Road Surgery",
	"%s Lane Surgery", "%s House Surgery", "%s Primary Care Centre", "%s Park Surgery",
}

var streets = []string{
	"High Street", "Market Street", "Station Road", "Church Lane", "Mill Lane",
	"Park Road", "Victoria Road", "Queen Street", "King Street", "London Road",
	"Bridge Street", "Chapel Street", "North Road", "School Lane", "The Green",
	"Castle Street", "Manor Road", "Meadow Lane", "Orchard Way", "Riverside Walk",
	"Albert Road", "Greenway", "West Street", "Hill Rise",
}

var firstNames = []string{
	"Aisha", "Alan", "Amara", "Amir", "Andrew", "Anna", "Ben", "Bethany",
	"Bronwen", "Callum", "Chloe", "Ciaran", "Claire", "Daniel", "David", "Deepa",
	"Eilidh", "Emma", "Fatima", "Finn", "Gareth", "Gemma", "Grace", "Hannah",
	"Harriet", "Helen", "Imran", "Isla", "Jack", "James", "Jasmine", "Joanna",
	"Kamal", "Karen", "Kate", "Kwame", "Laura", "Leon", "Lucy", "Mark",
	"Marta", "Megan", "Mohammed", "Nadia", "Naomi", "Neil", "Nicola", "Oliver",
	"Olivia", "Owen", "Paul", "Priya", "Rachel", "Rhys", "Rosie", "Ruth",
	"Sam", "Samira", "Sarah", "Sean", "Sian", "Simon", "Sophie", "Stephen",
	"Tariq", "Tom", "Una", "Victoria", "Wei", "Yusuf", "Zainab", "Zoe",
}

var surnames = []string{
	"Adams", "Ahmed", "Ali", "Allen", "Anderson", "Armstrong", "Bailey", "Baker",
	"Banerjee", "Barker", "Bell", "Bennett", "Bibi", "Brennan", "Brown", "Campbell",
	"Carter", "Chen", "Clarke", "Cole", "Collins", "Cooper", "Davies", "Dawson",
	"Desai", "Dixon", "Edwards", "Evans", "Fairclough", "Fletcher", "Foster", "Fraser",
	"Gallagher", "Gill", "Graham", "Green", "Hall", "Harrison", "Hassan", "Hughes",
	"Hussain", "Jackson", "James", "Jenkins", "Johnson", "Jones", "Kaur", "Kelly",
	"Khan", "Kowalski", "Lawson", "Lewis", "Lloyd", "Malik", "Marshall", "Mason",
	"McDonald", "Mensah", "Mills", "Mitchell", "Moore", "Morgan", "Morris", "Murphy",
	"Naylor", "Nolan", "Nowak", "O'Brien", "O'Neill", "Okafor", "Osei", "Owen",
	"Parker", "Patel", "Phillips", "Price", "Quinn", "Rahman", "Reid", "Roberts",
	"Robinson", "Rowe", "Shah", "Sharma", "Singh", "Smith", "Stewart", "Taylor",
	"Thomas", "Thompson", "Turner", "Walker", "Ward", "Watson", "White", "Whitfield",
	"Williams", "Wilson", "Wood", "Wright", "Yates", "Young",
}

// months names the months for titles such as "Call cascade test, March 2026".
var months = []string{
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
}
