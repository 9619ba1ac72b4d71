"""Role and place frames (factx/relations/frames.py, place_frames.py): one table per frame,
each row a sentence of our own with the facts it must and must not yield, as (subject name,
relation, object name or title literal). Negatives cover negation, hypotheticals,
honorifics, lists and titles cut short.
"""

from __future__ import annotations

import pytest
from fact_triples import case, split_facts

pytestmark = pytest.mark.model


APPOSITION = [
    case(
        "Jane Roe, the chairman of Hadley Logistics Corporation, resigned on Monday.",
        must=[("Jane Roe", "title", "chairman"), ("Jane Roe", "leads", "Hadley Logistics Corporation")],
    ),
    case(
        "The chief executive of Northgate Bank Corporation, Tom Becker, said profits fell.",
        must=[("Tom Becker", "title", "chief executive"), ("Tom Becker", "leads", "Northgate Bank Corporation")],
    ),
    case(
        "Maria Olsen, a spokeswoman for the Ministry of Transport, declined to comment.",
        must=[("Maria Olsen", "title", "spokeswoman"), ("Maria Olsen", "works_for", "Ministry of Transport")],
    ),
    case(
        "Peter Quill, an analyst at Northgate Bank Corporation, expects a rise.",
        must=[("Peter Quill", "title", "analyst"), ("Peter Quill", "works_for", "Northgate Bank Corporation")],
    ),
    # the name of the organization before the role, and the comma after the person's name
    case(
        "The medals were handed out by Anna Lund, IOC member, and Tom Roe.",
        must=[("Anna Lund", "member_of", "IOC")],
        must_not=[("Tom Roe", "member_of", "IOC")],
    ),
    case(
        "The painter Ola Berg, a longtime resident of Bergen, died on Sunday.",
        must=[("Ola Berg", "lives_in", "Bergen")],
    ),
    case("Ann Poe, the publisher of the Daily Courier, resigned.", must=[("Ann Poe", "works_for", "Daily Courier")]),
    case(
        "Maria Olsen, curator and director of the Hadley Museum of Art, opened the show.",
        must=[
            ("Maria Olsen", "title", "curator"),
            ("Maria Olsen", "title", "director"),
            ("Maria Olsen", "leads", "Hadley Museum of Art"),
        ],
    ),
    # past a bracket and a word that describes the role
    case(
        "The prize went to Jane Roe (born 1950 in Leeds), the former chairman of Hadley Logistics Corporation.",
        must=[("Jane Roe", "leads", "Hadley Logistics Corporation")],
    ),
]

# The role's holders named by the verb "include" or a plural copula, and relative clauses
MEMBER_LISTS = [
    case(
        "Globex Corporation, whose members included Jane Roe and Tom Lee, folded in 1990.",
        must=[("Jane Roe", "member_of", "Globex Corporation"), ("Tom Lee", "member_of", "Globex Corporation")],
    ),
    case(
        "His uncle was Karl Dahl, whose children include the painter Otto Dahl.",
        must=[("Otto Dahl", "child_of", "Karl Dahl")],
    ),
    case(
        "Jane Roe, Tom Lee and Ann Poe are members of the Green Party.",
        must=[
            ("Jane Roe", "member_of", "Green Party"),
            ("Tom Lee", "member_of", "Green Party"),
            ("Ann Poe", "member_of", "Green Party"),
        ],
    ),
    case(
        "Jane Roe founded Globex Corporation, of which she is still the chairman.",
        must=[("Jane Roe", "leads", "Globex Corporation")],
    ),
    case(
        "His uncle was Karl Dahl, whose children do not include Otto Dahl.",
        must_not=[("Otto Dahl", "child_of", "Karl Dahl")],
    ),
    # the parser hangs the list's later names on the plural role
    case(
        "The album features Harbour Lights members Jane Roe, Tom Lee and Ann Poe.",
        must=[("Tom Lee", "member_of", "Harbour Lights"), ("Ann Poe", "member_of", "Harbour Lights")],
    ),
    # a second "of" coordinated with the first, and a late "of" past a comma
    case(
        "Ann Poe was a fellow of the Royal Society of Chemists and of the Nordic Academy of Letters.",
        must=[
            ("Ann Poe", "member_of", "Royal Society of Chemists"),
            ("Ann Poe", "member_of", "Nordic Academy of Letters"),
        ],
    ),
    case(
        "Jane Roe was a founding member, in 1768, of the Nordic Academy of Letters.",
        must=[("Jane Roe", "member_of", "Nordic Academy of Letters")],
    ),
    # a colon opens the list of a plural role; describing words may precede each name
    case(
        "Four artists were members of the Linnean Club: the sculptor Paul Reed, the poet Omar Kader, and Tina Wells.",
        must=[
            ("Paul Reed", "member_of", "Linnean Club"),
            ("Omar Kader", "member_of", "Linnean Club"),
            ("Tina Wells", "member_of", "Linnean Club"),
        ],
    ),
    # the colon closes a clause, not the role's phrase
    case(
        "The members of the Linnean Club met on Monday: Paul Reed was late.",
        must_not=[("Paul Reed", "member_of", "Linnean Club")],
    ),
    # the group is made up of, or consists of, its members
    case(
        "The Harbour Group is made up of Ann Kessel, Tom Varga and Lee Ostrow.",
        must=[
            ("Ann Kessel", "member_of", "Harbour Group"),
            ("Tom Varga", "member_of", "Harbour Group"),
            ("Lee Ostrow", "member_of", "Harbour Group"),
        ],
    ),
    case(
        "Velvet Engine is a trio consisting of Ann Kessel, Tom Varga and Lee Ostrow.",
        must=[("Ann Kessel", "member_of", "Velvet Engine"), ("Lee Ostrow", "member_of", "Velvet Engine")],
    ),
    case(
        "The Harbour Group is made up of painters who admire Ann Kessel.",
        must_not=[("Ann Kessel", "member_of", "Harbour Group")],
    ),
    # the owner of a group noun, and "from the band X" hung on the verb
    case(
        "Ian Marsh toured Europe last spring with his band The Lanterns.",
        must=[("Ian Marsh", "member_of", "The Lanterns")],
    ),
    case(
        "The studio hired Matt Green from the band Velvet Harbour.",
        must=[("Matt Green", "member_of", "Velvet Harbour")],
    ),
    case(
        "Ian Marsh wrote a song about the band Velvet Harbour.", must_not=[("Ian Marsh", "member_of", "Velvet Harbour")]
    ),
]

DESCRIPTIONS = [
    case(
        "Omar Haddad, the Harbour Board Spokesperson, said the port would reopen.",
        must=[("Omar Haddad", "works_for", "Harbour Board"), ("Omar Haddad", "title", "Spokesperson")],
    ),
    case(
        "Carla Rossi, the president of the Umbria region, proposed a new tax.",
        must=[("Carla Rossi", "leads", "Umbria")],
    ),  # the name before the role's noun
    case(
        "Hadley Logistics Corporation opened a new depot. Kathryn Lee, the chief executive of the company, "
        "said it was a success.",
        must=[("Kathryn Lee", "leads", "Hadley Logistics Corporation")],
    ),
    case(
        "Kathryn Lee, the chief executive of the company, said it was a success.",
        must=[("Kathryn Lee", "title", "chief executive")],
    ),
    # a coordinated role with an object of its own works at the shared organization, not leads it
    case(
        "Mona Vik, curator and director of archives at the Hollin Institute, said it was a success.",
        must=[("Mona Vik", "works_for", "Hollin Institute"), ("Mona Vik", "title", "director")],
        must_not=[("Mona Vik", "leads", "Hollin Institute")],
    ),
    case(
        "Karl Berg, treasurer and chairman of the Baltic Shipping Union, said it was a success.",
        must=[("Karl Berg", "leads", "Baltic Shipping Union")],
    ),
]

PREMODIFIER = [
    # a country's name before an office: its citizen; a city's: a resident
    case(
        "Edward Finch was a U.S. Senator for twelve years.",
        must=[("Edward Finch", "citizen_of", "United States")],
        must_not=[("Edward Finch", "lives_in", "United States")],
    ),
    case("The Leeds teacher Jane Roe won the prize.", must=[("Jane Roe", "lives_in", "Leeds")]),
    # a nation's word before a band member's noun is no band: a citizen, not a member
    case(
        "At the festival, the Danish drummer Rolf Lund played a set with his son Erik Lund.",
        must=[("Rolf Lund", "citizen_of", "Danish"), ("Erik Lund", "child_of", "Rolf Lund")],
        must_not=[("Rolf Lund", "member_of", "Danish")],
    ),
    # who leads a country is its citizen; a city's mayor is no city's citizen
    case(
        "The bridge was opened by the president of Ghana, Kofi Mensah.",
        must=[("Kofi Mensah", "leads", "Ghana"), ("Kofi Mensah", "citizen_of", "Ghana")],
    ),
    case("The mayor of Leeds, Tom Hale, spoke.", must_not=[("Tom Hale", "citizen_of", "Leeds")]),
    case(
        "Ministry of Transport spokesman Ali Karimi said the road would reopen.",
        must=[("Ali Karimi", "title", "spokesman"), ("Ali Karimi", "works_for", "Ministry of Transport")],
    ),
    case(
        "Green Party leader Lena Holm spoke in the debate.",
        must=[("Lena Holm", "title", "leader"), ("Lena Holm", "leads", "Green Party")],
    ),
    case(
        "Deputy Foreign Minister Omar Haddad arrived in Cairo.",
        must=[("Omar Haddad", "title", "Deputy Foreign Minister")],
        must_not=[("Omar Haddad", "title", "Minister"), ("Omar Haddad", "title", "Foreign Minister")],
    ),
    case(
        "The exhibit shows photographers Anna Berg, Tom Lund and Eva Strand at work.",
        must=[
            ("Anna Berg", "title", "photographer"),
            ("Tom Lund", "title", "photographer"),
            ("Eva Strand", "title", "photographer"),
        ],
    ),
    case(
        "Guests included author Paul Marsh and singer Ruth Gale.",
        must=[("Paul Marsh", "title", "author")],
        must_not=[("Paul Marsh", "title", "singer")],
    ),
    case(
        "The record was made by Swedish producer and Tin Roof member Karl Dahl.",
        must=[("Karl Dahl", "member_of", "Tin Roof")],
    ),  # the parser hangs the band on as amod
    # "band members" after "the band X": the band the bare noun stands for
    case(
        "The rock band Tin Roof formed in Oslo in 1998; band members Karl Dahl and Otto Berg grew up there.",
        must=[("Karl Dahl", "member_of", "Tin Roof"), ("Otto Berg", "member_of", "Tin Roof")],
    ),
    case("Band members Karl Dahl and Otto Berg grew up in Oslo.", must_not=[("Karl Dahl", "member_of", "Oslo")]),
    # the parser hangs the role and the name on the preposition as two objects
    case("Sales fell again last year, according to curator Helen Marsh.", must=[("Helen Marsh", "title", "curator")]),
    case("The judge gave lawyer Sam Reyes a warning.", must=[("Sam Reyes", "title", "lawyer")]),
    case(
        "Guests included author Paul Marsh and singer Ruth Gale.",
        must=[("Ruth Gale", "title", "singer")],
        xfail="the small model parses 'and singer Ruth Gale' as a second verb with its own object",
    ),
    # the band's name and the member's read from the words where the parse joins neither
    case(
        "Copper Lantern lead guitarist Rick Halloway bought a flat in Leeds.",
        must=[("Rick Halloway", "member_of", "Copper Lantern")],
    ),
    case(
        "In 2001 Marsh joined a new band with Nine Pale Crows vocalist Dale Penner.",
        must=[("Dale Penner", "member_of", "Nine Pale Crows")],
    ),
    # a plural role's list read from the words when the parse breaks it
    case(
        "The album has remixes from Iron Orchard members Jed Sallow, Rina Voss, Ty Malden and others.",
        must=[("Rina Voss", "member_of", "Iron Orchard"), ("Ty Malden", "member_of", "Iron Orchard")],
    ),
    case(
        "Spokesman Jed Sallow, 45, Rina Voss and Ty Malden met the press.",
        must_not=[("Rina Voss", "title", "spokesman")],
    ),
]

SUCH_AS = [
    case(
        "Critics praised painters such as Anna Berg and Tom Hale.",
        must=[("Anna Berg", "title", "painter"), ("Tom Hale", "title", "painter")],
    ),
    # ", such as" after a relative clause hangs on the clause's last noun, which is not plural
    case(
        "Critics praised painters who used oil paint, such as Anna Berg, Tom Hale and Sam Reyes.",
        must=[("Anna Berg", "title", "painter"), ("Tom Hale", "title", "painter"), ("Sam Reyes", "title", "painter")],
    ),
    case(
        "Judges who praised the portraits of artists, such as Anna Berg and Tom Hale, met on Friday.",
        must_not=[("Anna Berg", "title", "judge"), ("Tom Hale", "title", "judge")],
    ),
]

POSSESSIVE = [
    case(
        "Norway's Prime Minister, Kari Dahl, met the press.",
        must=[("Kari Dahl", "title", "Prime Minister"), ("Kari Dahl", "leads", "Norway")],
        must_not=[("Kari Dahl", "title", "Minister")],
    ),
    case(
        "Hadley Logistics Corporation's chief financial officer, Tom Becker, left in May.",
        must=[
            ("Tom Becker", "title", "chief financial officer"),
            ("Tom Becker", "works_for", "Hadley Logistics Corporation"),
        ],
    ),
    # a band's possessive before its member's name, whatever the parse made of it
    case(
        "The tour was a success, thanks to Arlo Finch and Velvet Harbour's Dale Penner.",
        must=[("Dale Penner", "member_of", "Velvet Harbour")],
    ),
    case(
        "When Gravelmouth's frontman Rick Halloway left, the band split.",
        must=[("Rick Halloway", "member_of", "Gravelmouth")],
    ),
    # a person's possessive before another person's name is no group
    case(
        "The senator thanked Maria Olsen's Tom Becker for the work.",
        must_not=[("Tom Becker", "member_of", "Maria Olsen")],
    ),
]

COPULA = [
    case(
        "Lena Holm is the president of the Nordic Chess Federation.",
        must=[("Lena Holm", "title", "president"), ("Lena Holm", "leads", "Nordic Chess Federation")],
    ),
    case(
        "Lena Holm was named chairman of Northgate Bank Corporation in 2019.",
        must=[("Lena Holm", "title", "chairman"), ("Lena Holm", "leads", "Northgate Bank Corporation")],
    ),
    case(
        "Lena Holm served as director of the Hadley Museum of Art.",
        must=[("Lena Holm", "leads", "Hadley Museum of Art")],
    ),
    case(
        "Lena Holm is not the president of the Nordic Chess Federation.",
        must_not=[("Lena Holm", "leads", "Nordic Chess Federation")],
        negated=[("Lena Holm", "leads", "Nordic Chess Federation")],
    ),
    case(
        "As chairman of Hadley Logistics Corporation, Lena Holm cut costs.",
        must=[("Lena Holm", "title", "chairman"), ("Lena Holm", "leads", "Hadley Logistics Corporation")],
    ),
    case(
        "Lena Holm praised him as chairman of Hadley Logistics Corporation.",
        must_not=[("Lena Holm", "leads", "Hadley Logistics Corporation")],
    ),
    case(
        "The president of the Nordic Chess Federation is Lena Holm.",
        must=[("Lena Holm", "title", "president"), ("Lena Holm", "leads", "Nordic Chess Federation")],
    ),
    case(
        "The president of the Nordic Chess Federation is not Lena Holm.",
        must_not=[("Lena Holm", "leads", "Nordic Chess Federation")],
    ),
    case(
        "If Lena Holm were the president of the Nordic Chess Federation, she would resign.",
        must_not=[("Lena Holm", "leads", "Nordic Chess Federation")],
    ),
]

OF_PHRASE = [
    case(
        "Sam Reyes, the guitarist of the band Harbour Lights, thanked the crowd.",
        must=[("Sam Reyes", "title", "guitarist"), ("Sam Reyes", "member_of", "Harbour Lights")],
    ),
    case(
        "Guitarist Sam Reyes of the Rolling Pebbles thanked the crowd.",
        must=[("Sam Reyes", "member_of", "Rolling Pebbles")],
        xfail="the small model does not recognize 'the Rolling Pebbles' as a name",
    ),
    case(
        "Sam Reyes of the band Harbour Lights thanked the crowd.", must=[("Sam Reyes", "member_of", "Harbour Lights")]
    ),
    case(
        "Helen Marsh of the Nordic Chess Federation spoke first.",
        must=[("Helen Marsh", "member_of", "Nordic Chess Federation")],
    ),
    case(
        "Speeches came from the Green Party's Lena Holm and the Labour Party's Omar Haddad.",
        must=[("Lena Holm", "member_of", "Green Party"), ("Omar Haddad", "member_of", "Labour Party")],
        must_not=[("Lena Holm", "member_of", "Labour Party")],
    ),
    case(
        "Ruth Gale, the former singer of the folk groups Tin Roof and Pale Fire, toured alone.",
        must=[("Ruth Gale", "member_of", "Tin Roof")],
    ),
    case(
        "Omar Haddad, the editor of the newspaper Evening Lantern, resigned.",
        must=[("Omar Haddad", "works_for", "Evening Lantern")],
        must_not=[("Omar Haddad", "member_of", "Evening Lantern")],
    ),
    case(
        "Lena Holm is the drummer of the Norwegian band Kvist.",  # the name after a group noun is a group
        must=[("Lena Holm", "member_of", "Kvist")],
    ),
    case(
        "In 1987 Dana Kovac was elected to the Nordic Academy of Letters.",
        must=[("Dana Kovac", "member_of", "Nordic Academy of Letters")],
    ),
    case("Dana Kovac was elected to the Senate in 2004.", must_not=[("Dana Kovac", "member_of", "Senate")]),
    case("Dana Kovac was admitted to St Mary Hospital.", must_not=[("Dana Kovac", "member_of", "St Mary Hospital")]),
    case(
        "Dana Kovac was elected a Fellow of the Royal Society in 2004.",
        must=[("Dana Kovac", "member_of", "Royal Society")],
        must_not=[("Dana Kovac", "works_for", "Royal Society")],
    ),
]

HONORIFICS = [
    case(
        "Ms Helen Marsh and Mr Tom Becker arrived together.",
        must_not=[("Helen Marsh", "title", "Ms"), ("Tom Becker", "title", "Mr")],
    ),
    case("Dr Helen Marsh opened the clinic.", must_not=[("Helen Marsh", "title", "Dr")]),
]

TITLES_IN_FULL = [
    case(
        "Secretary of State Anne Ford flew to Rome.",
        must=[("Anne Ford", "title", "Secretary of State")],
        must_not=[("Anne Ford", "title", "Secretary")],
    ),
    case(
        "Minister of Justice Karl Dahl said the plan works.",
        must=[("Karl Dahl", "title", "Minister of Justice")],
        must_not=[("Karl Dahl", "title", "Minister")],
    ),
    case(
        "Health Minister Paolo Ricci said the plan works.",
        must=[("Paolo Ricci", "title", "Health Minister")],
        must_not=[("Paolo Ricci", "title", "Minister")],
    ),
    case(
        "Undersecretary for Education Paolo Rinaldi says many schools will raise their fees.",
        must=[("Paolo Rinaldi", "title", "Undersecretary for Education")],
    ),
    case(
        "Attorney General Mark Dunn filed the suit.",
        must=[("Mark Dunn", "title", "Attorney General")],
        must_not=[("Mark Dunn", "title", "General")],
    ),
    case(
        "The former mayor, Lisa Grant, spoke first.",
        must=[("Lisa Grant", "title", "mayor")],
        must_not=[("Lisa Grant", "title", "former mayor")],
    ),
]

KINSHIP = [
    # the parents read from the words: describing nouns, a title, an apposition between
    # commas, a maiden name in brackets
    case(
        "Lena Fosse was the youngest child of Arne Fosse, 3rd Baron Vinje, and Ingrid Moe, sister of Pal Moe.",
        must=[
            ("Lena Fosse", "child_of", "Arne Fosse"),
            ("Lena Fosse", "child_of", "Ingrid Moe"),
            ("Arne Fosse", "spouse", "Ingrid Moe"),
        ],
        must_not=[("Ingrid Moe", "child_of", "Arne Fosse")],
    ),
    case(
        "Lena Fosse was the youngest child of Arne Fosse, 3rd Baron Vinje, and Ingrid Moe.",
        must_not=[("Lena Fosse", "child_of", "Vinje")],
        xfail="a pattern reads the peerage in the apposition ('3rd Baron Vinje') as a third parent",
    ),
    case(
        "Maja Lind is the daughter of set designer Eva Lind (née Holt) and director Jon Lind.",
        must=[
            ("Maja Lind", "child_of", "Eva Lind"),
            ("Maja Lind", "child_of", "Jon Lind"),
            ("Eva Lind", "spouse", "Jon Lind"),
        ],
        must_not=[("Jon Lind", "child_of", "Eva Lind")],
    ),
    case("He was the son of singers Ustad Ravi Desai and Mira Desai.", must=[("Ravi Desai", "spouse", "Mira Desai")]),
    case(
        "Tor Sand is the son of the late author and editor Nils Sand, and journalist Kari Berge.",
        must=[("Tor Sand", "child_of", "Nils Sand"), ("Tor Sand", "child_of", "Kari Berge")],
    ),
    case(
        "He was born in Vik, the son of Nils Sand, who was the son of Per Sand, and Kari Berge.",
        must_not=[("Per Sand", "spouse", "Kari Berge")],
    ),
    case(
        "Tor Sand is the son of a man Nils Sand rescued in 1944.",
        must_not=[("Tor Sand", "child_of", "Nils Sand")],
        xfail="the small model parses the subject of the relative clause as an apposition of 'man'",
    ),
    case(
        "Anna was the second child of Henrik Berg and his wife Lise Dahl.",
        must=[
            ("Anna", "child_of", "Henrik Berg"),
            ("Anna", "child_of", "Lise Dahl"),
            ("Henrik Berg", "spouse", "Lise Dahl"),
        ],
        must_not=[("Anna", "title", "second child"), ("Anna", "spouse", "Lise Dahl")],
    ),
    case(
        "Another son of Ferdinand Keller was Oskar Keller, who became an engineer.",
        must=[("Oskar Keller", "child_of", "Ferdinand Keller")],
    ),
    case(
        "Tom Berg is the brother of the singer Ola Berg, and son of the former footballer Knut Berg.",
        # Ola is Tom's brother, so Knut's child too (inferred from the two facts)
        must=[
            ("Tom Berg", "sibling", "Ola Berg"),
            ("Tom Berg", "child_of", "Knut Berg"),
            ("Ola Berg", "child_of", "Knut Berg"),
        ],
    ),
    case(
        "The king gave his daughter Ingrid in marriage to Erik IV's son, the future Erik V.",
        must=[("Erik V.", "child_of", "Erik IV")],
    ),
    case(
        "Anna Berg is the daughter of Karl Berg and Greta Berg.",
        must=[("Anna Berg", "child_of", "Karl Berg"), ("Anna Berg", "child_of", "Greta Berg")],
    ),
    case("Karl Berg, the father of Anna Berg, died in 1990.", must=[("Anna Berg", "child_of", "Karl Berg")]),
    case("Tom Lund, the husband of Maria Olsen, won the race.", must=[("Tom Lund", "spouse", "Maria Olsen")]),
    case("Tom Lund is not the brother of Eva Strand.", must_not=[("Tom Lund", "sibling", "Eva Strand")]),
    case(
        "Mark Ellis and his wife Joan Ellis moved to Denver after their son, Peter Ellis, was born.",
        must=[("Peter Ellis", "child_of", "Mark Ellis"), ("Peter Ellis", "child_of", "Joan Ellis")],
    ),
    case(
        "Mark Ellis and Joan Ellis raised their daughter Ruth Ellis in Denver.",
        must=[("Ruth Ellis", "child_of", "Mark Ellis"), ("Ruth Ellis", "child_of", "Joan Ellis")],
    ),
    # one possessor, or three, is not a couple: "their" says nothing of whose child
    case(
        "Mark Ellis, Joan Ellis and Tom Lund met their daughter Ruth Ellis in Denver.",
        must_not=[("Ruth Ellis", "child_of", "Mark Ellis"), ("Ruth Ellis", "child_of", "Tom Lund")],
    ),
    case(
        "The couple attended the wedding of Tom Lund and Eva Strand in June.",
        must=[("Tom Lund", "spouse", "Eva Strand")],
    ),
    case(
        "The wedding of Tom Lund's daughter and Eva Strand's son was in June.",
        must_not=[("Tom Lund", "spouse", "Eva Strand")],
    ),
    case(
        "Helen Brooks was a British painter and the mother of the novelist Tom Brooks.",
        must=[("Tom Brooks", "child_of", "Helen Brooks")],
    ),
    # the child unnamed ("She" with nothing before it): the parents are still a couple
    case(
        "She was born in 1950, the daughter of Karl Dahl and Greta Lund.", must=[("Karl Dahl", "spouse", "Greta Lund")]
    ),
    case("She was born in 1950, the daughter of Karl Dahl.", must_not=[("Karl Dahl", "spouse", "Karl Dahl")]),
    case("Greta Lund had a son named Otto Berg.", must=[("Otto Berg", "child_of", "Greta Lund")]),
    case("Greta Lund did not have a son named Otto Berg.", must_not=[("Otto Berg", "child_of", "Greta Lund")]),
    # a title of rank makes a person of what the model tagged a work or a place
    case(
        "The tiara was a gift from Queen Margrethe and her husband Prince Henrik.",
        must=[("Henrik", "spouse", "Margrethe")],
    ),  # spouse is symmetric: reported one way
    # "their" with no couple as a subject: the spouse named before it, and the spouse noun's owner
    case(
        "The painter Tom Ridley, his wife Mara, and their two daughters Kendra and Kaye sat in the front row.",
        must=[
            ("Kendra", "child_of", "Mara"),
            ("Kendra", "child_of", "Tom Ridley"),
            ("Kaye", "child_of", "Mara"),
        ],
    ),
    case(
        "His wife Mara Voss ran the farm, and their youngest son Peter Ridley kept the books.",
        must=[("Peter Ridley", "child_of", "Mara Voss")],
    ),
    case(
        "Tom Ridley and his sister Mara came, and their cousin Kendra Ridley came too.",
        must_not=[("Kendra Ridley", "child_of", "Mara"), ("Kendra Ridley", "child_of", "Tom Ridley")],
    ),
    # the children listed after a comma, a colon or a bracket
    case(
        "In Leeds, Tom Ridley and Mara Ridley had two daughters together, Kendra (born 1988) and Kaye (born 1990).",
        must=[("Kendra", "child_of", "Tom Ridley"), ("Kaye", "child_of", "Mara Ridley")],
    ),
    case(
        "Tom Ridley and Mara Voss had three sons: Dan, Jack and Sam.",
        must=[("Dan", "child_of", "Mara Voss"), ("Sam", "child_of", "Tom Ridley")],
    ),
    # the apposition of the copula's noun describes the subject
    case(
        "Ole Brun was a Danish chemist, son of Ilse Brun and Henrik Brun.",
        must=[("Ole Brun", "child_of", "Ilse Brun"), ("Ole Brun", "child_of", "Henrik Brun")],
    ),
    case(
        "Ole Brun is a painter, not the son of Henrik Brun.",
        must_not=[("Ole Brun", "child_of", "Henrik Brun")],
        negated=[("Ole Brun", "child_of", "Henrik Brun")],
    ),
    # a kinship noun's "to" is its "of"; the second role does not borrow the first one's object
    case(
        "Tom Ridley, husband of Mara Voss and father to Peter Ridley and Zoe Ridley, lived in Leeds.",
        must=[("Peter Ridley", "child_of", "Tom Ridley"), ("Zoe Ridley", "child_of", "Tom Ridley")],
        must_not=[("Mara Voss", "child_of", "Tom Ridley")],
    ),
    case(
        "Karen Holm was the daughter of the farmer Ingrid Holm and the teacher Peter Holm and sister to Anna Holm.",
        must=[("Karen Holm", "child_of", "Peter Holm")],
        must_not=[("Karen Holm", "child_of", "Anna Holm")],
    ),
    # relatives of one owner are related through the owner
    case(
        "After the flood, his father Karl Berg and his brother Otto Berg rebuilt the mill.",
        must=[("Otto Berg", "child_of", "Karl Berg")],
    ),
    case(
        "Kurt grew up on a farm: his father, Otto Hart, kept sheep, and his mother, Lena Weiss, taught at the school.",
        must=[("Otto Hart", "spouse", "Lena Weiss")],
    ),
    case(
        "The baker Tom Ridley, his wife Mara Voss and his son Sam Ridley opened a cafe.",
        must=[("Sam Ridley", "child_of", "Mara Voss"), ("Sam Ridley", "child_of", "Tom Ridley")],
        must_not=[("Tom Ridley", "spouse", "Sam Ridley")],
    ),
    case(
        "Her father Karl Berg met his brother Otto Berg in Oslo.",
        must_not=[("Otto Berg", "child_of", "Karl Berg")],
    ),
    case(
        "The dentist Lena Weiss is his wife, and his son Sam Hart is a pilot.",
        must=[("Sam Hart", "child_of", "Lena Weiss")],
        must_not=[("Lena Weiss", "child_of", "Sam Hart")],
    ),
    # a sibling shares the parents stated in the same sentence, not a half-sibling
    case(
        "Anna Holm was daughter of Karl Holm, mayor of Vik, and sister of Otto Holm and Peter Holm.",
        must=[("Otto Holm", "child_of", "Karl Holm"), ("Peter Holm", "child_of", "Karl Holm")],
    ),
    case(
        "Anna Holm was daughter of Karl Holm and half-sister of Otto Holm.",
        must=[("Anna Holm", "child_of", "Karl Holm")],
        must_not=[("Otto Holm", "child_of", "Karl Holm")],
    ),
    # a verb of denial does not reach into its subject's apposition
    case(
        "Robert, son of Karl Holm, disputed the will with his brother Henrik.",
        must=[("Robert", "child_of", "Karl Holm"), ("Henrik", "child_of", "Karl Holm")],
    ),
    case(
        "Robert disputed that he was the son of Karl Holm.",
        must_not=[("Robert", "child_of", "Karl Holm")],
        negated=[("Robert", "child_of", "Karl Holm")],
    ),
    # marriage and divorce: "married ... with", "remarried, to", "divorced", "his divorce from"
    case(
        "Rixa Holm married on 4 May 1710 with Albert Berg, a merchant from Bergen.",
        must=[("Rixa Holm", "spouse", "Albert Berg")],
    ),
    case(
        "Karl Holm remarried in 1990, to Greta Lund, a nurse from Oslo.",
        must=[("Karl Holm", "spouse", "Greta Lund")],
    ),
    case("Karl Holm sold the house after his divorce from Susan Lund.", must=[("Karl Holm", "spouse", "Susan Lund")]),
    case("Anna Holm divorced Karl Berg in 1990.", must=[("Anna Holm", "spouse", "Karl Berg")]),
    case("Anna Holm dined with Karl Berg in 1990.", must_not=[("Anna Holm", "spouse", "Karl Berg")]),
    # describing words before a parent: a role noun the parser tags as a verb, a name in
    # quotation marks, an organization's name before a role noun
    case(
        "Ivo Marsh was the son of the painter and poet Edgar Marsh and Lotte Brand.",
        must=[("Ivo Marsh", "child_of", "Edgar Marsh"), ("Edgar Marsh", "spouse", "Lotte Brand")],
    ),
    case(
        'Ivo Marsh is the son of the late "Harbour Times" editor Edgar Marsh and the singer Lotte Brand.',
        must=[("Edgar Marsh", "spouse", "Lotte Brand")],
    ),
    case(
        "Ivo Marsh is the son of Kestrel Records head Edgar Marsh and actress Lotte Brand.",
        must=[("Ivo Marsh", "child_of", "Lotte Brand"), ("Edgar Marsh", "spouse", "Lotte Brand")],
    ),
    # the second parent after "and his (first) wife," and after "and of"
    case(
        "Ivo Marsh was the son of Edgar Marsh, 2nd Earl of Tallow and his first wife, Lotte Brand.",
        must=[("Ivo Marsh", "child_of", "Lotte Brand"), ("Edgar Marsh", "spouse", "Lotte Brand")],
    ),
    # "is the daughter of ..., and the sister of ...": the second noun hangs on the copula
    case(
        "She is the daughter of Edgar Marsh and Lotte Brand, and the younger sister of the pianist Paul Marsh.",
        must=[("Paul Marsh", "child_of", "Edgar Marsh"), ("Paul Marsh", "child_of", "Lotte Brand")],
    ),
    case(
        "She is the daughter of Edgar Marsh, and a close friend of the pianist Paul Marsh.",
        must_not=[("Paul Marsh", "child_of", "Edgar Marsh")],
    ),
    # "born to": the parents named after "to", a couple when two
    case(
        "Ivo Marsh was born in Tallow to the carpenter Edgar Marsh and his wife Lotte.",
        must=[
            ("Ivo Marsh", "child_of", "Edgar Marsh"),
            ("Ivo Marsh", "child_of", "Lotte"),
            ("Lotte", "spouse", "Edgar Marsh"),
        ],
        must_not=[("Ivo Marsh", "spouse", "Lotte")],
    ),
    case(
        "Born to Edgar Lund and Lotte Brand, Ivo Lund grew up in Tallow.",
        must=[("Ivo Lund", "child_of", "Edgar Lund"), ("Edgar Lund", "spouse", "Lotte Brand")],
    ),
    case(
        "Ivo Marsh was the second of three sons born to Edgar Marsh.",
        must=[("Ivo Marsh", "child_of", "Edgar Marsh")],
    ),
    case(
        "Ivo Marsh was not born to Edgar Marsh, as the papers claimed.",
        must_not=[("Ivo Marsh", "child_of", "Edgar Marsh")],
        negated=[("Ivo Marsh", "child_of", "Edgar Marsh")],
    ),
    case(
        "Ivo Lund was born to a family that Edgar Berg later employed.",
        must_not=[("Ivo Lund", "child_of", "Edgar Berg")],
    ),
    # "X and his wife Y": the possessive is X's, not the sentence subject's
    case(
        "Ada Quill visited Edgar Marsh and his wife Lotte in Tallow.",
        must=[("Edgar Marsh", "spouse", "Lotte")],
        must_not=[("Ada Quill", "spouse", "Lotte")],
    ),
    # "bore him a son": the child is the subject's, named in apposition to the subject noun
    case(
        "His wife Greta Lund bore him a son, Otto Holm, in the spring of 1702.",
        must=[("Otto Holm", "child_of", "Greta Lund")],
    ),
]

WORKS = [
    case(
        '"Silver Rain" is a track from Ana Holt\'s album "Black Tide", out on vinyl in May.',
        must=[("Silver Rain", "part_of", "Black Tide")],
    ),
    case(
        '"Silver Rain" is a 2004 ballad by Ana Holt, taken from her album "Black Tide".',
        must=[("Silver Rain", "part_of", "Black Tide")],
    ),
    case(
        'Ana Holt sang "Silver Rain" before she recorded the album "Black Tide".',
        must_not=[("Silver Rain", "part_of", "Black Tide")],
    ),
    # "recorded/written for her album Y", "released X as a single for her album, Y"
    case(
        '"Silver Rain" is a song recorded by Ana Holt for her second studio album "Black Tide" (2010).',
        must=[("Silver Rain", "part_of", "Black Tide")],
    ),
    case(
        'Ana Holt released "Silver Rain" as a single in 1994 for her third album, "Black Tide".',
        must=[("Silver Rain", "part_of", "Black Tide")],
    ),
    case(
        'Ana Holt released "Silver Rain" as a single, and later recorded songs for her album "Black Tide".',
        must_not=[("Silver Rain", "part_of", "Black Tide")],
    ),
]

GROUPS = [
    # the members listed after "consisting of", "composed of", "made up of"
    case(
        "The Pale Lanterns, a trio composed of Ada Quill, Ivo Berg and Sten Moe, toured Wales in 2004.",
        must=[
            ("Ada Quill", "member_of", "Pale Lanterns"),
            ("Ivo Berg", "member_of", "Pale Lanterns"),
            ("Sten Moe", "member_of", "Pale Lanterns"),
        ],
    ),
    case(
        "The Pale Lanterns were made up of three members: singer Ada Quill, guitarist Ivo Berg and Sten Moe.",
        must=[("Ada Quill", "member_of", "Pale Lanterns"), ("Sten Moe", "member_of", "Pale Lanterns")],
    ),
    case(
        "The Pale Lanterns did not consist of Ada Quill and Ivo Berg alone.",
        must_not=[("Ada Quill", "member_of", "Pale Lanterns")],
    ),
    # who forms a band is its member; who forms a company is not
    case(
        "Ada Quill and Ivo Berg formed the band Pale Lanterns in 1998.",
        must=[("Ada Quill", "member_of", "Pale Lanterns"), ("Ivo Berg", "member_of", "Pale Lanterns")],
    ),
    case(
        "Norvik Freight Corporation was formed in 1998 by Ada Quill and Ivo Berg.",
        must_not=[("Ada Quill", "member_of", "Norvik Freight Corporation")],
    ),
    # "A and B of the band X": both of the band
    case(
        "The song was written by Ada Quill and Ivo Berg of the folk band Pale Lanterns.",
        must=[("Ada Quill", "member_of", "Pale Lanterns"), ("Ivo Berg", "member_of", "Pale Lanterns")],
    ),
]

PLACES = [
    case(
        "Students from Hadley College of the United Kingdom joined the study.",
        must=[("Hadley College", "located_in", "United Kingdom")],
    ),
    case(
        "The final saw Brazilian club Flamengo meet Boca Juniors, from Argentina.",
        must=[("Boca Juniors", "located_in", "Argentina")],
        xfail="the small model labels the club names as persons",
    ),
    case("A fire damaged Lisbon's old Tile Museum.", must=[("Tile Museum", "located_in", "Lisbon")]),
    case(
        "Sweden, Belgium, England win their opening games.",
        must_not=[("Sweden", "located_in", "Belgium"), ("Belgium", "located_in", "England")],
    ),
    # the name after the comma is the king's apposition, not a place around Peru
    case("In 1533 the last king of Peru, Atahualpa, was killed.", must_not=[("Peru", "located_in", "Atahualpa")]),
    case("Hana Kim, 50, of Leeds, England, was hurt.", must_not=[("Hana Kim", "located_in", "Leeds")]),
    case("She moved to Paris, France, in 1990.", must=[("Paris", "located_in", "France")]),
    case(
        "Canada's largest bank, the Royal Bank of Canada, reported a profit.",
        must=[("Royal Bank of Canada", "located_in", "Canada")],
    ),
    case(
        "The paper quoted Norway's main news agency Nordic Press Agency.",
        must=[("Nordic Press Agency", "located_in", "Norway")],
    ),
    case(
        "The Weston Gallery at Northgate University reopened.",
        must=[("Weston Gallery", "part_of", "Northgate University")],
    ),
]


# one table per frame; the test's id names the frame and the sentence
TABLES = {
    "apposition": APPOSITION,
    "the_company_is_the_organization_named_before": DESCRIPTIONS,
    "premodifier": PREMODIFIER,
    "such_as": SUCH_AS,
    "include_and_member_lists": MEMBER_LISTS,
    "possessive": POSSESSIVE,
    "copula_and_appointment": COPULA,
    "of_phrase": OF_PHRASE,
    "honorifics_are_not_titles": HONORIFICS,
    "titles_are_the_whole_phrase": TITLES_IN_FULL,
    "kinship": KINSHIP,
    "a_track_and_its_record": WORKS,
    "groups_and_their_members": GROUPS,
    "places": PLACES,
}
ROWS = [
    pytest.param(*row.values, marks=row.marks, id=f"{frame}-{row.id}") for frame, rows in TABLES.items() for row in rows
]


@pytest.mark.parametrize(("text", "must", "must_not", "negated"), ROWS)
def test_frames(extractor, text, must, must_not, negated):
    plain, neg = split_facts(extractor, text)
    assert must <= plain, f"missing {must - plain}; got {plain}"
    assert not (must_not & plain), f"unexpected {must_not & plain}"
    assert negated <= neg, f"not negated: {negated - neg}; negated facts: {neg}"


def test_frames_explanation_names_frame_and_trigger(extractor):
    import factx

    ex = factx.Extractor(explain=True)
    result = ex("Jane Roe, the chairman of Hadley Logistics Corporation, resigned.")
    titles = [f for f in result.facts if f.relation == "title"]
    assert titles, result.facts
    why = titles[0].explanation
    assert why["frame"] == "apposition" and why["trigger"] == "chairman", why


def test_frames_title_offsets_are_the_text(extractor):
    text = "The exhibit shows photographers Anna Berg and Tom Lund."
    result = extractor(text)
    for f in result.facts:
        if f.relation == "title":
            assert text[f.object.start : f.object.end] == f.object.text


def test_frames_portfolio_named_as_an_organization_stays_in_the_title(extractor):
    """In a long article the tagger may read the field of "Minister of Education" as an
    organization; the office keeps its field and states no employer."""
    from spacy.tokens import Span

    doc = extractor.nlp("Minister of Education Stefania Rinaldi said the plan works.")
    doc.ents = [Span(doc, 2, 3, "ORG"), Span(doc, 3, 5, "PERSON")]
    result = extractor.extract_doc(doc)
    names = {e.id: e.name for e in result.entities}
    facts = {(names[f.subject], f.relation, names.get(f.object.entity) or f.object.text) for f in result.facts}
    assert ("Stefania Rinaldi", "title", "Minister of Education") in facts, facts
    assert not any(r == "works_for" for _, r, _ in facts), facts


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("She sang for years with the Danish trio Tre Lys.", "Tre Lys", "ORG"),
        ("The company Jane Roe founded in 2009 makes bicycles.", "Jane Roe", "PERSON"),  # a relative clause's subject
        ("He joined the company President Anne Ford ran.", "Anne Ford", "PERSON"),
        # a one-word given name "of" a full name is a band's, two words a person's
        ("The tour ended when Rick Halloway of Delilah lost his voice.", "Delilah", "ORG"),
        ("The letters of Rick Halloway to Mary Penner were sold.", "Mary Penner", "PERSON"),
        ("Fans cheered Copper Lantern guitarist Rick Halloway.", "Copper Lantern", "ORG"),
        # a name before "and" and a member's noun is a person still
        ("The band was formed by guitarist Rick Halloway and bassist Dale Penner.", "Rick Halloway", "PERSON"),
    ],
)
def test_a_name_after_a_group_noun(extractor, text, name, label):
    labels = {e.name: e.label for e in extractor(text).entities}
    assert labels.get(name) == label, labels
