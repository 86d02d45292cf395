#!/bin/sh
#
# cm-grade, the command (src/cm-grade/): every operator of the rule
# language as the command runs it, every error with its exact message and
# exit status, --explain, the ABC cuts on a file whose shares are worked
# out by hand, --due for every month, --diff, and a pattern that
# backtracks catastrophically, which must end, not hang.  The default
# rules of share/cm/grade.rules are t4001's.

test_description='cm-grade: rules, reports and errors'

. "$(dirname "$0")/test-lib.sh"

# grade_ids CONDITION: the ids of ops.csv that "A CONDITION" grades A
# (a catch-all C after it), on one line.
grade_ids() {
	printf 'A %s\nC true\n' "$1" >op.rules &&
	cm-grade -r op.rules --as-of 2026-11-23 ops.csv >op.out &&
	awk -F, 'NR > 1 && $5 == "A" { printf "%s%s", sep, $1; sep = " " }
		END { print "" }' op.out
}

# Q: a single quote, for the messages that quote values.
Q="'"

test_expect_success 'setup: four rows for the operators' '
	cat >ops.csv <<-\EOF
	id,n,s,d
	r1,5,abc,2025-11-23
	r2,10,ABD,2026-11-23
	r3,-2.5,,2025-11-24
	r4,,x/y,
	EOF
'

# Numbers compare as decimals (5 == 5.0), an empty cell makes a number
# comparison false (r4's n), an empty cell is "" to a string comparison
# and to a match (r3's s), ~ is case-sensitive without i, \/ is a slash,
# and binds tighter than or, not takes the parenthesis after it, age()
# counts calendar years, months and days to --as-of (r1's first trade is
# a year to the day: not under a year), share(n, 20) is n / 20 x 100.
while IFS='|' read -r cond want; do
	test_expect_success "operator: A $cond grades A exactly: $want" "
		echo '$want' >expect &&
		grade_ids '$cond' >actual &&
		test_cmp expect actual
	"
done <<\EOF
true|r1 r2 r3 r4
n == 5|r1
n == 5.0|r1
n != 5|r2 r3
n < 5|r3
n <= 5|r1 r3
n > 5|r2
n >= -2.5|r1 r2 r3
s == "abc"|r1
s != "abc"|r2 r3 r4
s < "abd"|r1 r2 r3
s ~ /^ab/|r1
s ~ /^abd$/i|r2
s !~ /^ab/|r2 r3 r4
s ~ /\//|r4
empty(s)|r3
not empty(s)|r1 r2 r4
n > 1 and s ~ /^a/|r1
n > 5 or empty(s)|r2 r3
not (n > 5 or empty(s))|r1 r4
n < 5 or n > 5 and s == "x/y"|r3
age(d) < 1y|r2 r3
age(d) >= 1y|r1
age(d) < 365d|r2 r3
age(d) <= 12m|r1 r2 r3
age(d) == 0d|r2
share(n, 20) >= 50|r2
EOF

test_expect_success 'a back-quoted column name is the column' '
	echo r1 >expect &&
	grade_ids "\`n\` == 5" >actual &&
	test_cmp expect actual
'

test_expect_success 'every row unchanged plus grade and grade_rule, first match wins, comments' '
	cat >office.rules <<-\EOF &&
	# the office policy

	C n < 0          # a comment after a rule
	A s == "a # not a comment" or s ~ /#x/
	A n >= 5
	B not empty(s)
	C true
	EOF
	cat >in.csv <<-\EOF &&
	id,n,s,d
	k1,9,,2020-01-01
	k2,-1,a # not a comment,2020-01-01
	k3,1,b,"a, ""quoted"" cell"
	k4,1,,
	k5,1,y#x,
	EOF
	cm-grade -r office.rules in.csv >out 2>err &&
	cat >expect <<-\EOF &&
	id,n,s,d,grade,grade_rule
	k1,9,,2020-01-01,A,office.rules:5
	k2,-1,a # not a comment,2020-01-01,C,office.rules:3
	k3,1,b,"a, ""quoted"" cell",B,office.rules:6
	k4,1,,,C,office.rules:7
	k5,1,y#x,,A,office.rules:4
	EOF
	test_cmp expect out &&
	test_cmp /dev/null err
'

test_expect_success 'a rule file with a BOM and CRLF; Chinese headers mapped, written canonical' '
	printf "\357\273\277# r\r\nA 应收账款 > 100\r\nC true\r\n" >crlf.rules &&
	printf "客户编号,应收账款\nc1,101\nc2,100\n" >zh.csv &&
	cm-grade -r crlf.rules zh.csv >out &&
	printf "id,receivables,grade,grade_rule\nc1,101,A,crlf.rules:2\nc2,100,C,crlf.rules:3\n" >expect &&
	test_cmp expect out
'

test_expect_success 'several inputs stream into one output with one header' '
	cm-grade -r office.rules in.csv in.csv >out &&
	test $(wc -l <out) -eq 11 &&
	printf "id,n,s\nx,1,2\n" >other.csv &&
	test_expect_code 3 cm-grade -r office.rules in.csv other.csv >out 2>err &&
	echo "cm-grade: other.csv:1: columns differ from those of the first input" >expect &&
	test_cmp expect err
'

# check_rules_error STATUS TEXT MESSAGE: a rule file of TEXT (printf
# escapes) fails with STATUS and exactly MESSAGE on stderr, and -o writes
# nothing.
check_rules_error() {
	printf "$2" >bad.rules &&
	test_expect_code "$1" cm-grade -r bad.rules -o out.csv ops.csv 2>err &&
	printf "%s\n" "$3" >expect &&
	test_cmp expect err &&
	test ! -e out.csv
}

test_expect_success 'rule file errors: exit 2 with FILE:LINE:COL' '
	check_rules_error 2 "# x\nA n <\n" \
		"cm-grade: bad.rules:2:6: expected a value after ${Q}<${Q}" &&
	check_rules_error 2 "A n = 5\n" \
		"cm-grade: bad.rules:1:5: ${Q}=${Q} is not an operator: write ==" &&
	check_rules_error 2 "D true\n" \
		"cm-grade: bad.rules:1:1: expected a grade A, B or C, found ${Q}D${Q}" &&
	check_rules_error 2 "AB true\n" \
		"cm-grade: bad.rules:1:1: expected a grade A, B or C, found ${Q}AB${Q}" &&
	check_rules_error 2 "C true\n  A\n" \
		"cm-grade: bad.rules:2:4: expected a condition after the grade ${Q}A${Q}" &&
	check_rules_error 2 "A   # nothing\n" \
		"cm-grade: bad.rules:1:5: expected a condition after the grade ${Q}A${Q}" &&
	check_rules_error 2 "# only comments\n\n" \
		"cm-grade: bad.rules: no rules"
'

test_expect_success 'a bad pattern: exit 2 with PCRE2 message and offset, at its column' '
	check_rules_error 2 "C true\nB s ~ /(a/\n" \
		"cm-grade: bad.rules:2:7: bad pattern: missing closing parenthesis at offset 2"
'

test_expect_success 'the whole rule file is parsed before any row: a bad last rule comes first' '
	printf "A n > 1\nC (\n" >bad.rules &&
	printf "id,n\nx,abc\n" >nan.csv &&
	test_expect_code 2 cm-grade -r bad.rules nan.csv 2>err &&
	grep "^cm-grade: bad.rules:2:" err
'

test_expect_success 'a rule file named by -r that does not exist: exit 2' '
	test_expect_code 2 cm-grade -r nosuch.rules ops.csv 2>err &&
	cat >expect <<-EOF &&
	cm-grade: cannot open rule file ${Q}nosuch.rules${Q}: No such file or directory
	Try ${Q}cm-grade --help${Q} for more information.
	EOF
	test_cmp expect err
'

test_expect_success 'a column the rules read that the input lacks: exit 3 before any row, listing the input columns' '
	check_rules_error 3 "A nope == 1 or zzz == 2\nC true\n" \
		"cm-grade: ops.csv:1: bad.rules:1 reads a column the input lacks: no column ${Q}nope${Q} (columns: ${Q}id${Q}, ${Q}n${Q}, ${Q}s${Q}, ${Q}d${Q})"
'

test_expect_success 'a row no rule matches: exit 3 naming it and its id, nothing written' '
	check_rules_error 3 "A n == 5\n" \
		"cm-grade: ops.csv:3: no rule of bad.rules matches customer ${Q}r2${Q} (end the rules with a catch-all such as ${Q}C true${Q})"
'

test_expect_success 'a number compared with a cell that is not one: exit 3, row, id, value, rule' '
	printf "id,n,s,d\nr1,abc,x,2020-01-01\nr2,1,x,2026-02-30\n" >bad.csv &&
	printf "A n > 1\nC true\n" >r.rules &&
	test_expect_code 3 cm-grade -r r.rules -o out.csv bad.csv 2>err &&
	echo "cm-grade: bad.csv:2: customer ${Q}r1${Q}: ${Q}abc${Q} in column ${Q}n${Q} is not a number (rule r.rules:1)" >expect &&
	test_cmp expect err &&
	test ! -e out.csv
'

test_expect_success 'a date age() cannot read: exit 3' '
	printf "A age(d) < 1y\nC true\n" >r.rules &&
	test_expect_code 3 cm-grade -r r.rules bad.csv 2>err &&
	echo "cm-grade: bad.csv:3: customer ${Q}r2${Q}: ${Q}2026-02-30${Q} in column ${Q}d${Q} is not a date (rule r.rules:1)" >expect &&
	test_cmp expect err
'

test_expect_success 'a catastrophic-backtracking pattern ends with exit 3, naming row and rule' '
	printf "A s ~ /^(a+)+\$/\nC true\n" >cat.rules &&
	a=aaaaaaaaaa &&
	printf "id,n,s,d\nr1,1,%s,\n" "$a$a$a$a${a}b" >cat.csv &&
	test_expect_code 3 timeout 10 cm-grade -r cat.rules cat.csv 2>err &&
	echo "cm-grade: cat.csv:2: customer ${Q}r1${Q}: pattern at cat.rules:1 exceeded its match limit (too much backtracking: look for a nested repeat such as (a+)+) (rule cat.rules:1)" >expect &&
	test_cmp expect err
'

test_expect_success 'an input graded already is refused by grading (--due and --diff take it)' '
	printf "id,name,grade\nka,x,A\n" >g.csv &&
	test_expect_code 3 cm-grade -r r.rules g.csv 2>err &&
	echo "cm-grade: g.csv:1: the input has a grade column already: it is graded (--due and --diff take it as it is)" >expect &&
	test_cmp expect err
'

test_expect_success '--as-of moves the run date of age()' '
	printf "A age(d) < 1y\nC true\n" >new.rules &&
	printf "id,d\nx,2026-01-10\n" >d.csv &&
	cm-grade -r new.rules --as-of 2027-01-09 d.csv >out1 &&
	cm-grade -r new.rules --as-of 2027-01-10 d.csv >out2 &&
	printf "id,d,grade,grade_rule\nx,2026-01-10,A,new.rules:1\n" >expect1 &&
	printf "id,d,grade,grade_rule\nx,2026-01-10,C,new.rules:2\n" >expect2 &&
	test_cmp expect1 out1 &&
	test_cmp expect2 out2
'

# usage_error MESSAGE CMD...: CMD exits 2 and its first line of stderr is
# MESSAGE.
usage_error() {
	msg=$1 &&
	shift &&
	test_expect_code 2 "$@" 2>err &&
	head -n 1 err >actual &&
	printf "%s\n" "$msg" >expect &&
	test_cmp expect actual
}

test_expect_success 'usage errors: exit 2 with the message' '
	usage_error "cm-grade: invalid date ${Q}2026-02-30${Q} for --as-of" \
		cm-grade --as-of 2026-02-30 ops.csv &&
	usage_error "cm-grade: option ${Q}--cuts${Q} does not apply to grading by the rules" \
		cm-grade --cuts 80,95 ops.csv &&
	usage_error "cm-grade: --abc and --due are different reports: give one" \
		cm-grade --abc n --due 2026-01 ops.csv &&
	usage_error "cm-grade: --diff compares one FILE with PREVIOUS, not 2 files" \
		cm-grade --diff g.csv a.csv b.csv &&
	usage_error "cm-grade: option ${Q}--output${Q} does not apply to --explain" \
		cm-grade --explain r1 -o x.csv ops.csv &&
	usage_error "cm-grade: option ${Q}--as-of${Q} does not apply to --abc" \
		cm-grade --abc n --as-of 2026-01-01 ops.csv &&
	usage_error "cm-grade: option ${Q}--precision${Q} does not apply to grading by the rules" \
		cm-grade --precision 3 ops.csv
'

test_expect_success '--explain: every rule tried, what each condition saw, which decided' '
	cm-grade -r office.rules --explain k3 in.csv >out 2>err &&
	cat >expect <<-EOF &&
	customer ${Q}k3${Q} (in.csv:4)
	office.rules:3: C n < 0
	  n < 0: ${Q}1${Q} is false
	office.rules:4: A s == "a # not a comment" or s ~ /#x/
	  s == "a # not a comment": ${Q}b${Q} is false
	  s ~ /#x/: ${Q}b${Q} is false
	office.rules:5: A n >= 5
	  n >= 5: ${Q}1${Q} is false
	office.rules:6: B not empty(s)
	  empty(s): ${Q}b${Q} is false
	grade B by office.rules:6
	EOF
	test_cmp expect out &&
	test_cmp /dev/null err
'

test_expect_success '--explain shows each condition without its comment; # inside strings, names and patterns stays' '
	cat >hash.rules <<-\EOF &&
	A `a#/b` == "x#"   # one
	B s ~ /\/#/	# two
	C true
	EOF
	printf "id,a#/b,s\n1,x#,\n2,,a/#\n" >hash.csv &&
	cm-grade -r hash.rules --explain 2 hash.csv >out &&
	cat >expect <<-EOF &&
	customer ${Q}2${Q} (hash.csv:3)
	hash.rules:1: A \`a#/b\` == "x#"
	  \`a#/b\` == "x#": ${Q}${Q} is false
	hash.rules:2: B s ~ /\\/#/
	  s ~ /\\/#/: ${Q}a/#${Q} is true
	grade B by hash.rules:2
	EOF
	test_cmp expect out
'

test_expect_success '--explain: another row that cannot be graded does not matter' '
	printf "A n > 1\nC true\n" >r.rules &&
	printf "id,n\nbad,abc\ngood,2\n" >mixed.csv &&
	cm-grade -r r.rules --explain good mixed.csv >out &&
	cat >expect <<-EOF &&
	customer ${Q}good${Q} (mixed.csv:3)
	r.rules:1: A n > 1
	  n > 1: ${Q}2${Q} is true
	grade A by r.rules:1
	EOF
	test_cmp expect out
'

test_expect_success '--explain: the customer no rule matches, then exit 3 saying so' '
	printf "A n > 1\n" >r.rules &&
	printf "id,n\nlow,1\n" >low.csv &&
	test_expect_code 3 cm-grade -r r.rules --explain low low.csv >out 2>err &&
	cat >expect <<-EOF &&
	customer ${Q}low${Q} (low.csv:2)
	r.rules:1: A n > 1
	  n > 1: ${Q}1${Q} is false
	EOF
	test_cmp expect out &&
	echo "cm-grade: low.csv:2: no rule of r.rules matches customer ${Q}low${Q} (end the rules with a catch-all such as ${Q}C true${Q})" >expect &&
	test_cmp expect err
'

test_expect_success '--explain: no such customer is exit 3' '
	test_expect_code 3 cm-grade -r office.rules --explain k9 in.csv >out 2>err &&
	echo "cm-grade: no customer with id ${Q}k9${Q} in the input" >expect &&
	test_cmp expect err &&
	test_cmp /dev/null out
'

# The ABC file.  The ranked values add up to 500 + 200 + 100 + 100 + 50 +
# 30 + 20 = 1000, so each share is the value / 10, in percent:
#   a 500  50%  cumulative  50, before it  0 < 80: A
#   b 200  20%              70, before it 50 < 80: A
#   d 100  10%              80, before it 70 < 80: A (reaches 80 exactly)
#   c 100  10%              90, before it 80: B (same value as d, which
#                                               comes first in the input)
#   e  50   5%              95, before it 90 < 95: B
#   f  30   3%              98, before it 95: C
#   g  20   2%             100: C
#   h (empty) and i (-10): C, no shares, last, each reported; exit 1.
# With --cuts 75,90: d crosses 75 (70 before it, 80 after) and is A, c
# reaches 90 from 80 and is B, e (90 before it) is C.
test_expect_success 'setup: the ABC file' '
	cat >abc.csv <<-\EOF
	id,sales
	b,200
	h,
	d,100
	a,500
	i,-10
	c,100
	g,20
	e,50
	f,30
	EOF
'

test_expect_success '--abc: shares worked out by hand, 80,95, ties in input order, negative and empty reported' '
	test_expect_code 1 cm-grade --abc sales abc.csv >out 2>err &&
	cat >expect <<-\EOF &&
	id,sales,share,cumulative,grade
	a,500,50.00,50.00,A
	b,200,20.00,70.00,A
	d,100,10.00,80.00,A
	c,100,10.00,90.00,B
	e,50,5.00,95.00,B
	f,30,3.00,98.00,C
	g,20,2.00,100.00,C
	h,,,,C
	i,-10,,,C
	EOF
	test_cmp expect out &&
	cat >expect <<-EOF &&
	cm-grade: abc.csv:3: customer ${Q}h${Q}: sales is empty: graded C
	cm-grade: abc.csv:6: customer ${Q}i${Q}: sales ${Q}-10${Q} is negative: graded C
	EOF
	test_cmp expect err
'

test_expect_success '--abc --cuts 75,90: the row that crosses a cut belongs to the upper class' '
	test_expect_code 1 cm-grade -q --abc sales --cuts 75,90 abc.csv >out 2>err &&
	cut -d, -f1,5 out >actual &&
	printf "id,grade\na,A\nb,A\nd,A\nc,B\ne,C\nf,C\ng,C\nh,C\ni,C\n" >expect &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success '--abc --precision 3, every value good: exit 0; x crosses 80 from 66.667: A' '
	printf "id,v\nx,1\ny,2\n" >three.csv &&
	cm-grade --abc v --precision 3 three.csv >out &&
	printf "id,v,share,cumulative,grade\ny,2,66.667,66.667,A\nx,1,33.333,100.000,A\n" >expect &&
	test_cmp expect out
'

test_expect_success '--abc: values that add up to 0 leave everyone C, reported, exit 1' '
	printf "id,v\nx,0\ny,0\n" >zero.csv &&
	test_expect_code 1 cm-grade --abc v zero.csv >out 2>err &&
	printf "id,v,share,cumulative,grade\nx,0,,,C\ny,0,,,C\n" >expect &&
	test_cmp expect out &&
	echo "cm-grade: the total of v is 0: every customer is C" >expect &&
	test_cmp expect err
'

test_expect_success '--abc: a value that is not a number is exit 3; a missing column too' '
	printf "id,v\nx,1\ny,lots\n" >nan.csv &&
	test_expect_code 3 cm-grade --abc v nan.csv 2>err &&
	echo "cm-grade: nan.csv:3: customer ${Q}y${Q}: v ${Q}lots${Q} is not a number" >expect &&
	test_cmp expect err &&
	test_expect_code 3 cm-grade --abc w nan.csv 2>err &&
	echo "cm-grade: nan.csv:1: no column ${Q}w${Q} (columns: ${Q}id${Q}, ${Q}v${Q}); did you mean ${Q}v${Q}?" >expect &&
	test_cmp expect err
'

test_expect_success '--cuts: bad values are usage errors' '
	usage_error "cm-grade: invalid --cuts ${Q}95,80${Q} (expected two percentages such as 80,95, the first smaller, neither above 100)" \
		cm-grade --abc sales --cuts 95,80 abc.csv &&
	usage_error "cm-grade: invalid --cuts ${Q}80${Q} (expected two percentages such as 80,95)" \
		cm-grade --abc sales --cuts 80 abc.csv &&
	usage_error "cm-grade: invalid --cuts ${Q}80,101${Q} (expected two percentages such as 80,95, the first smaller, neither above 100)" \
		cm-grade --abc sales --cuts 80,101 abc.csv
'

# 001/13: A reports in March and September, B in January, April, July and
# October, C every month.
test_expect_success 'setup: a graded file' '
	printf "id,name,grade\nka,甲,A\nkb,乙,B\nkc,丙,C\n" >graded.csv
'

while read -r month want; do
	test_expect_success "--due 2027-$month: $want" "
		cm-grade --due 2027-$month graded.csv >out &&
		awk -F, 'NR > 1 { printf \"%s%s\", sep, \$3; sep = \" \" } END { print \"\" }' out >actual &&
		echo '$want' >expect &&
		test_cmp expect actual &&
		head -n 1 out >actual &&
		echo id,name,grade >expect &&
		test_cmp expect actual
	"
done <<\EOF
01 B C
02 C
03 A C
04 B C
05 C
06 C
07 B C
08 C
09 A C
10 B C
11 C
12 C
EOF

test_expect_success '--due on an ungraded input grades it by the rules first' '
	printf "A n >= 5\nB n >= 1\nC true\n" >r.rules &&
	printf "id,n\nx,7\ny,2\nz,0\n" >u.csv &&
	cm-grade -r r.rules --due 2027-03 u.csv >out &&
	printf "id,n,grade,grade_rule\nx,7,A,r.rules:1\nz,0,C,r.rules:3\n" >expect &&
	test_cmp expect out
'

test_expect_success '--due: a bad month is a usage error, a bad grade exit 3' '
	usage_error "cm-grade: invalid month ${Q}2027-13${Q} for --due (expected YYYY-MM)" \
		cm-grade --due 2027-13 graded.csv &&
	usage_error "cm-grade: invalid month ${Q}27-01${Q} for --due (expected YYYY-MM)" \
		cm-grade --due 27-01 graded.csv &&
	printf "id,name,grade\nka,x,D\n" >badg.csv &&
	test_expect_code 3 cm-grade --due 2027-01 badg.csv 2>err &&
	echo "cm-grade: badg.csv:2: grade ${Q}D${Q} is not one of A/A级, B/B级, C/C级" >expect &&
	test_cmp expect err
'

test_expect_success '--diff: up, down, new and gone, exit 1' '
	cat >before.csv <<-\EOF &&
	id,name,grade
	k1,one,C
	k2,two,A
	k3,three,B
	k4,four,B
	EOF
	cat >now.csv <<-\EOF &&
	id,name,grade
	k5,five,C
	k3,three,B
	k2,two,B
	k1,one,A
	EOF
	test_expect_code 1 cm-grade --diff before.csv now.csv >out 2>err &&
	cat >expect <<-\EOF &&
	id,name,old,new,change
	k5,five,,C,new
	k2,two,A,B,down
	k1,one,C,A,up
	k4,four,B,,gone
	EOF
	test_cmp expect out &&
	test_cmp /dev/null err
'

test_expect_success '--diff: nothing changed is exit 0 with the header only' '
	cm-grade --diff before.csv before.csv >out &&
	echo id,name,old,new,change >expect &&
	test_cmp expect out
'

test_expect_success '--diff grades an ungraded input first, from standard input' '
	printf "A n >= 5\nB n >= 1\nC true\n" >r.rules &&
	printf "id,name,n\nk1,one,9\nk2,two,1\nk3,three,0\n" >u.csv &&
	test_expect_code 1 cm-grade -r r.rules --diff before.csv <u.csv >out &&
	cat >expect <<-\EOF &&
	id,name,old,new,change
	k1,one,C,A,up
	k2,two,A,B,down
	k3,three,B,C,down
	k4,four,B,,gone
	EOF
	test_cmp expect out
'

test_expect_success '--diff: an id twice is exit 3' '
	printf "id,name,grade\nk1,a,A\nk1,b,B\n" >twice.csv &&
	test_expect_code 3 cm-grade --diff twice.csv now.csv 2>err &&
	echo "cm-grade: twice.csv:3: duplicate id ${Q}k1${Q} (first on line 2)" >expect &&
	test_cmp expect err &&
	test_expect_code 3 cm-grade --diff before.csv twice.csv 2>err &&
	echo "cm-grade: twice.csv:3: customer ${Q}k1${Q} is in the input twice" >expect &&
	test_cmp expect err
'

# 客户名称 maps to customer: --diff names the customer from it.
test_expect_success '--diff names customers of a file headed 客户名称' '
	printf "A designated == \"A\"\nB designated == \"B\"\nC true\n" >ab.rules &&
	printf "客户编号,客户名称,指定等级\n1,甲,A\n2,乙,B\n" >zh-cust.csv &&
	printf "id,name,grade\n1,甲,C\n2,乙,B\n" >zh-prev.csv &&
	test_status 1 cm-grade -r ab.rules --diff zh-prev.csv zh-cust.csv >out &&
	printf "id,name,old,new,change\n1,甲,C,A,up\n" >expect &&
	test_cmp expect out
'

test_done
