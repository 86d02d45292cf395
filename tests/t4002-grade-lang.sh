#!/bin/sh
#
# cm-grade --lang zh|en (issue 14, "output in the office's words"): the
# customers' columns under the headers the user wrote, grade and
# grade_rule as 评定等级 and 定级规则, the grade as A级/B级/C级 (words.map);
# --due, --diff, --abc and --explain the same way.  A graded file written
# with --excel --lang zh reads back through --due and --diff to the
# figures of the English one; English stays canonical; a table in
# Chinese aligns; a zh_CN locale makes tables Chinese, not plain CSV.

test_description='cm-grade --lang: Chinese headers and words, read back'

. "$(dirname "$0")/test-lib.sh"

Q="'"

test_expect_success 'setup: three customers under Chinese headers and one ASCII, three rules' '
	cat >cust.csv <<-\EOF &&
	客户编号,名称,应收账款,city
	K1,华丰电子,500,东莞
	K2,Apex Ltd,3000,Hong Kong
	K3,老张五金店,9000,温州
	EOF
	printf "A receivables < 1000\nB receivables < 5000\nC true\n" >r.rules &&
	cat >cust2.csv <<-\EOF
	客户编号,名称,应收账款,city
	K1,华丰电子,2000,东莞
	K3,老张五金店,100,温州
	K4,明辉电器,4000,中山
	EOF
'

test_expect_success 'graded rows: the user'\''s headers, 评定等级 and 定级规则, A级' '
	cm-grade -r r.rules --lang zh cust.csv >out 2>err &&
	cat >expect <<-\EOF &&
	客户编号,名称,应收账款,city,评定等级,定级规则
	K1,华丰电子,500,东莞,A级,r.rules:1
	K2,Apex Ltd,3000,Hong Kong,B级,r.rules:2
	K3,老张五金店,9000,温州,C级,r.rules:3
	EOF
	test_cmp expect out &&
	test_cmp /dev/null err
'

test_expect_success 'CSV without --lang, and --lang en: canonical names and letters' '
	cm-grade -r r.rules cust.csv >out &&
	cat >expect <<-\EOF &&
	id,name,receivables,city,grade,grade_rule
	K1,华丰电子,500,东莞,A,r.rules:1
	K2,Apex Ltd,3000,Hong Kong,B,r.rules:2
	K3,老张五金店,9000,温州,C,r.rules:3
	EOF
	test_cmp expect out &&
	cm-grade -r r.rules --lang en --format table cust.csv >table &&
	head -1 table >head &&
	echo "id  name        receivables  city       grade  grade_rule" >expect &&
	test_cmp expect head
'

test_expect_success 'ASCII headers under --lang zh: columns.map'\''s Chinese, a customer'\''s 名称' '
	printf "id,name,receivables\nK1,Acme,10\n" >ascii.csv &&
	cm-grade -r r.rules --lang zh ascii.csv >out &&
	printf "客户编号,名称,应收账款,评定等级,定级规则\nK1,Acme,10,A级,r.rules:1\n" >expect &&
	test_cmp expect out
'

test_expect_success 'a table in Chinese aligns: CJK characters two columns wide' '
	cm-grade -r r.rules --lang zh --format table cust.csv >out &&
	cat >expect <<-\EOF &&
	客户编号  名称        应收账款  city       评定等级  定级规则
	K1        华丰电子         500  东莞       A级       r.rules:1
	K2        Apex Ltd        3000  Hong Kong  B级       r.rules:2
	K3        老张五金店      9000  温州       C级       r.rules:3
	EOF
	test_cmp expect out
'

test_expect_success '--excel --lang zh: BOM, CRLF, Chinese header' '
	cm-grade -r r.rules --excel --lang zh cust.csv >g-zh.csv &&
	printf "\357\273\277客户编号,名称,应收账款,city,评定等级,定级规则\r\n" >expect &&
	head -1 g-zh.csv >head &&
	test_cmp expect head &&
	cm-grade -r r.rules --excel --lang en cust.csv >g-en.csv &&
	! cmp -s g-zh.csv g-en.csv
'

test_expect_success 'read back: --due on the Chinese graded file as on the English one' '
	for m in 2027-01 2027-03 2027-02; do
		cm-grade --due $m g-zh.csv >zh.$m &&
		cm-grade --due $m g-en.csv >en.$m &&
		test_cmp en.$m zh.$m || return 1
	done &&
	cat >expect <<-\EOF &&
	id,name,receivables,city,grade,grade_rule
	K2,Apex Ltd,3000,Hong Kong,B,r.rules:2
	K3,老张五金店,9000,温州,C,r.rules:3
	EOF
	test_cmp expect zh.2027-01
'

test_expect_success 'read back: --diff from the Chinese graded file as from the English one' '
	test_status 1 cm-grade -r r.rules --diff g-zh.csv cust2.csv >zh &&
	test_status 1 cm-grade -r r.rules --diff g-en.csv cust2.csv >en &&
	test_cmp en zh &&
	cat >expect <<-\EOF &&
	id,name,old,new,change
	K1,华丰电子,A,B,down
	K3,老张五金店,C,A,up
	K4,明辉电器,,B,new
	K2,Apex Ltd,B,,gone
	EOF
	test_cmp expect zh &&
	cm-grade -r r.rules --excel --lang zh cust2.csv >g2-zh.csv &&
	cm-grade -r r.rules --excel cust2.csv >g2-en.csv &&
	test_status 1 cm-grade --diff g-zh.csv g2-zh.csv >zh2 &&
	test_status 1 cm-grade --diff g-en.csv g2-en.csv >en2 &&
	test_cmp zh zh2 &&
	test_cmp en2 zh2
'

test_expect_success '--due --lang zh: the graded file'\''s rows, grades A级' '
	cm-grade --due 2027-03 --lang zh g-en.csv >out &&
	cat >expect <<-\EOF &&
	客户编号,名称,应收账款,city,评定等级,定级规则
	K1,华丰电子,500,东莞,A级,r.rules:1
	K3,老张五金店,9000,温州,C级,r.rules:3
	EOF
	test_cmp expect out &&
	cm-grade --due 2027-03 --lang zh g-zh.csv >out2 &&
	test_cmp expect out2 &&
	cm-grade -r r.rules --due 2027-03 --lang zh cust.csv >out3 &&
	test_cmp expect out3
'

test_expect_success '--diff --lang zh: 原等级, 新等级, 变动 升级/降级/新增/移除' '
	test_status 1 cm-grade -r r.rules --diff g-zh.csv --lang zh --format table \
		cust2.csv >out &&
	cat >expect <<-\EOF &&
	客户编号  名称        原等级  新等级  变动
	K1        华丰电子    A级     B级     降级
	K3        老张五金店  C级     A级     升级
	K4        明辉电器            B级     新增
	K2        Apex Ltd    B级             移除
	EOF
	test_cmp expect out
'

test_expect_success '--abc --lang zh: the column as written, 占比, 累计占比, 评定等级' '
	cm-grade --abc receivables --lang zh cust.csv >out &&
	cat >expect <<-\EOF &&
	客户编号,应收账款,占比,累计占比,评定等级
	K3,9000,72.00,72.00,A级
	K2,3000,24.00,96.00,A级
	K1,500,4.00,100.00,C级
	EOF
	test_cmp expect out &&
	cm-grade --abc 应收账款 cust.csv >en &&
	cat >expect <<-\EOF &&
	id,应收账款,share,cumulative,grade
	K3,9000,72.00,72.00,A
	K2,3000,24.00,96.00,A
	K1,500,4.00,100.00,C
	EOF
	test_cmp expect en
'

# Read back in English, a file's header comes out in canonical names.
test_expect_success 'every Chinese header of --abc and --diff reads back as its name' '
	cm-grade --abc receivables --lang zh cust.csv >abc.csv &&
	cm-grade --due 2027-02 abc.csv >out &&
	head -1 out >head &&
	echo "id,receivables,share,cumulative,grade" >expect &&
	test_cmp expect head &&
	test_status 1 cm-grade -r r.rules --diff g-zh.csv --lang zh cust2.csv >diff.csv &&
	echo "C true" >all.rules &&
	cm-grade -r all.rules diff.csv >out &&
	head -1 out >head &&
	echo "id,name,old,new,change,grade,grade_rule" >expect &&
	test_cmp expect head
'

test_expect_success '--explain --lang zh: Chinese, the grade A级; --lang en: English' '
	cm-grade -r r.rules --explain K2 --lang zh cust.csv >out &&
	cat >expect <<-\EOF &&
	客户 '\''K2'\'' (cust.csv:3)
	r.rules:1: A receivables < 1000
	  receivables < 1000: '\''3000'\'' 为假
	r.rules:2: B receivables < 5000
	  receivables < 5000: '\''3000'\'' 为真
	等级 B级，由 r.rules:2 决定
	EOF
	test_cmp expect out &&
	cm-grade -r r.rules --explain K2 --lang en cust.csv >out &&
	cm-grade -r r.rules --explain K2 cust.csv >plain &&
	test_cmp plain out &&
	tail -1 out >last &&
	echo "grade B by r.rules:2" >expect &&
	test_cmp expect last
'

test_expect_success '--lang xx is a usage error' '
	test_status 2 cm-grade --lang xx cust.csv >out 2>err &&
	test_cmp /dev/null out &&
	head -1 err >first &&
	echo "cm-grade: invalid --lang ${Q}xx${Q} (zh or en)" >expect &&
	test_cmp expect first
'

test_expect_success 'a zh_CN.UTF-8 locale of our own (localedef, LOCPATH)' '
	test_zh_locale loc
'

test_expect_success 'under zh_CN: a table is Chinese without --lang, CSV English' '
	env -u LC_ALL LOCPATH="$TRASH/loc" LANG=zh_CN.UTF-8 \
		cm-grade -r r.rules --format table cust.csv >table &&
	cm-grade -r r.rules --lang zh --format table cust.csv >expect &&
	test_cmp expect table &&
	env -u LC_ALL LOCPATH="$TRASH/loc" LANG=zh_CN.UTF-8 \
		cm-grade -r r.rules cust.csv >csv &&
	cm-grade -r r.rules cust.csv >expect &&
	test_cmp expect csv &&
	env -u LC_ALL LOCPATH="$TRASH/loc" LANG=zh_CN.UTF-8 \
		cm-grade -r r.rules --excel --lang en cust.csv >excel &&
	test_cmp g-en.csv excel
'

test_done
