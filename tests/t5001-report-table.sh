#!/bin/sh

test_description='cm-report table: a CSV as aligned text, a Markdown pipe table, an HTML table'

. "$(dirname "$0")/test-lib.sh"

# Chinese text (two columns each on a terminal), numbers, an empty cell,
# a '|', a line break in a cell, and the five characters HTML escapes.
test_expect_success 'setup: a complaint table' '
	cat >in.csv <<-\EOF
	cause,count,loss,note
	交货延迟,12,3500.00,客户催货
	label,3,-20.5,"a|b"
	混料 mixed,,0,"line1
	line2"
	"x<script>&'\''""",7,1e3,
	EOF
'

test_expect_success 'text (the default): CJK two columns wide, numbers right' '
	cat >expect <<-\EOF &&
	cause         count  loss     note
	交货延迟         12  3500.00  客户催货
	label             3    -20.5  a|b
	混料 mixed                 0  line1 line2
	x<script>&'\''"      7  1e3
	EOF
	cm-report table in.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err &&
	cm-report table --text <in.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'text: --title is a line above the table' '
	{ echo "投诉原因" && echo && cat expect; } >expect.title &&
	cm-report table --title 投诉原因 in.csv >actual &&
	test_cmp expect.title actual
'

test_expect_success 'md: | escaped, a line break as <br>' '
	cat >expect <<-\EOF &&
	| cause | count | loss | note |
	| --- | --- | --- | --- |
	| 交货延迟 | 12 | 3500.00 | 客户催货 |
	| label | 3 | -20.5 | a\|b |
	| 混料 mixed |  | 0 | line1<br>line2 |
	| x&lt;script&gt;&amp;'\''" | 7 | 1e3 |  |
	EOF
	cm-report table --md in.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

# GitHub reads "\\|" as an escaped backslash, then a cell break: every
# backslash is escaped, and so is what Markdown would read as emphasis,
# code, a link or strike-through; raw HTML, which GitHub renders inside a
# table, is escaped as references.
test_expect_success 'md: a backslash, Markdown marks and HTML in a cell are data' '
	cat >marks.csv <<-\EOF &&
	cell,what
	\|,a backslash and a bar
	a\,a backslash last
	*b* _c_ `d` x_y,emphasis and code
	[e](http://x) ~~g~~,a link and strike-through
	<b>h</b> &amp; &#39;,raw HTML and references
	EOF
	cat >expect <<-\EOF &&
	| cell | what |
	| --- | --- |
	| \\\| | a backslash and a bar |
	| a\\ | a backslash last |
	| \*b\* \_c\_ \`d\` x_y | emphasis and code |
	| \[e\](http://x) \~\~g\~\~ | a link and strike-through |
	| &lt;b&gt;h&lt;/b&gt; &amp;amp; &amp;#39; | raw HTML and references |
	EOF
	cm-report table --md marks.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'html: every cell and the caption escaped, numbers right' '
	cat >expect <<-\EOF &&
	<table>
	<caption>投诉 &lt;原因&gt; &amp; &quot;损失&quot; &#39;s</caption>
	<thead>
	<tr><th>cause</th><th>count</th><th>loss</th><th>note</th></tr>
	</thead>
	<tbody>
	<tr><td>交货延迟</td><td style="text-align:right">12</td><td style="text-align:right">3500.00</td><td>客户催货</td></tr>
	<tr><td>label</td><td style="text-align:right">3</td><td style="text-align:right">-20.5</td><td>a|b</td></tr>
	<tr><td>混料 mixed</td><td></td><td style="text-align:right">0</td><td>line1
	line2</td></tr>
	<tr><td>x&lt;script&gt;&amp;&#39;&quot;</td><td style="text-align:right">7</td><td>1e3</td><td></td></tr>
	</tbody>
	</table>
	EOF
	cm-report table --html --title "投诉 <原因> & \"损失\" '\''s" in.csv \
		>actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err &&
	! grep "<script" actual
'

test_expect_success 'html: the header escaped too' '
	printf "\"<b>a</b>\",b&c\n1,2\n" >head.csv &&
	cat >expect <<-\EOF &&
	<table>
	<thead>
	<tr><th>&lt;b&gt;a&lt;/b&gt;</th><th>b&amp;c</th></tr>
	</thead>
	<tbody>
	<tr><td style="text-align:right">1</td><td style="text-align:right">2</td></tr>
	</tbody>
	</table>
	EOF
	cm-report table --html head.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'GB18030 with a CRLF and UTF-8 with a BOM read as UTF-8' '
	cm-report table in.csv >expect &&
	sed "s/\$/\r/" in.csv | iconv -f UTF-8 -t GB18030 >gb.csv &&
	! cmp -s in.csv gb.csv &&
	cm-report table gb.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err &&
	printf "\357\273\277" | cat - in.csv >bom.csv &&
	cm-report table --md bom.csv >actual &&
	cm-report table --md in.csv >expect &&
	test_cmp expect actual
'

# A table with no rows is an answer (no overdue case), not an error: the
# header alone, exit 0.
test_expect_success 'a header and no rows: a table with no rows' '
	printf "id,due\n" >empty.csv &&
	echo "id  due" >expect &&
	cm-report table empty.csv >actual &&
	test_cmp expect actual &&
	printf "| id | due |\n| --- | --- |\n" >expect &&
	cm-report table --md empty.csv >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	<table>
	<thead>
	<tr><th>id</th><th>due</th></tr>
	</thead>
	<tbody>
	</tbody>
	</table>
	EOF
	cm-report table --html empty.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'no header row at all: exit 3' '
	: >nothing.csv &&
	test_expect_code 3 cm-report table nothing.csv >out 2>err &&
	echo "cm-report: nothing.csv: empty input: no header row" >expect &&
	test_cmp expect err &&
	test_cmp /dev/null out
'

test_expect_success '-o FILE: the table, and nothing left beside it' '
	mkdir o &&
	cm-report table --html -o o/t.html in.csv >out &&
	test_cmp /dev/null out &&
	cm-report table --html in.csv >expect &&
	test_cmp expect o/t.html &&
	ls o >list &&
	echo t.html >expect &&
	test_cmp expect list
'

test_expect_success 'a bad row: exit 3, -o FILE untouched' '
	printf "a,b\n1,2\n3\n" >ragged.csv &&
	echo old >o/t.html &&
	test_expect_code 3 cm-report table --md -o o/t.html ragged.csv 2>err &&
	echo "cm-report: ragged.csv:3: 1 field, the header has 2" >expect &&
	test_cmp expect err &&
	echo old >expect &&
	test_cmp expect o/t.html &&
	ls o >list &&
	echo t.html >expect &&
	test_cmp expect list
'

test_expect_success 'a missing FILE: exit 4, as every cm command' '
	test_expect_code 4 cm-report table nosuch.csv 2>err &&
	echo "cm-report: cannot open '\''nosuch.csv'\'': No such file or directory" >expect &&
	test_cmp expect err
'

test_expect_success 'two FILEs, or two formats: exit 2' '
	test_expect_code 2 cm-report table in.csv in.csv 2>err &&
	head -n 1 err >actual &&
	echo "cm-report: table reads one FILE, not 2" >expect &&
	test_cmp expect actual &&
	test_expect_code 2 cm-report table --md --html in.csv 2>err &&
	head -n 1 err >actual &&
	echo "cm-report: --text, --md and --html are different tables: give one" >expect &&
	test_cmp expect actual
'

test_done
