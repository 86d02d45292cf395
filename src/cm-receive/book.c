/*
 * book.c: the balance model, per customer and part (000 §5.1.1-5.1.6):
 *
 *	receive   -> pending (entrusted items: -> stock)   received += qty
 *	accept    pending -> stock      reject   pending -> hold
 *	issue     stock -> issued       return   hold, then stock -> returned
 *	scrap     hold -> scrapped      lose, damage   stock -> lost
 *	lend      stock -> on_loan      giveback on_loan -> stock
 *
 * Memory grows with customers x parts, never with the journal.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "num.h"
#include "receive.h"
#include "xalloc.h"

const char *const bal_names[] = {
	"received", "pending", "stock", "hold", "issued", "on_loan",
	"returned", "scrapped", "lost"
};

void
book_init(struct book *b)
{
	memset(b, 0, sizeof(*b));
	b->set = cm_strset_new();
}

void
book_free(struct book *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->items[i].key);
		free(b->items[i].customer);
		free(b->items[i].name);
	}
	free(b->items);
	cm_strset_free(b->set);
	cm_buf_free(&b->key);
}

/*
 * The key of a part: the customer's length, the customer, the part, so
 * that no two pairs make the same key whatever bytes they hold.
 */
static void
make_key(struct cm_buf *k, const char *customer, const char *part)
{
	char digits[24];
	size_t n = strlen(customer), i = sizeof(digits);

	/* By hand, not printf: this runs for every row of the journal. */
	digits[--i] = ':';
	do {
		digits[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	cm_buf_reset(k);
	cm_buf_add(k, digits + i, sizeof(digits) - i);
	cm_buf_adds(k, customer);
	cm_buf_adds(k, part);
}

struct item *
book_find(struct book *b, const char *customer, const char *part)
{
	size_t i;

	make_key(&b->key, customer, part);
	return cm_strset_get(b->set, b->key.s, &i) ? &b->items[i] : NULL;
}

struct item *
book_add(struct book *b, const char *customer, const char *part)
{
	struct item *it;
	size_t i;

	make_key(&b->key, customer, part);
	if (cm_strset_get(b->set, b->key.s, &i))
		return &b->items[i];
	/* The set holds keys by address: grow the array, not the keys. */
	b->items = xgrow(b->items, &b->cap, b->n + 1, sizeof(*b->items));
	it = &b->items[b->n];
	memset(it, 0, sizeof(*it));
	it->key = xstrdup(b->key.s);
	/* customer and part apart, in one allocation, for printing. */
	it->customer = xmalloc(strlen(customer) + 1 + strlen(part) + 1);
	strcpy(it->customer, customer);
	it->part = it->customer + strlen(customer) + 1;
	strcpy(it->part, part);
	it->name = xstrdup("");
	it->unit = -1;
	it->kind = K_NONE;
	it->last = CM_DAY_MIN;
	cm_strset_add(b->set, it->key, b->n, NULL);
	b->n++;
	return it;
}

char *
qty_text(char *buf, long long qty, int u)
{
	return cm_milli_format(buf, qty, unit_decimals(u));
}

/* Whether q has more decimals than unit u allows. */
static int
too_fine(long long q, int u)
{
	static const long long step[] = {1000, 100, 10, 1};

	return q % step[unit_decimals(u)] != 0;
}

/*
 * "issue of 30 pcs of part 'P-100' for 'ACME' would leave stock at -10
 * (it held 20)".
 */
static int
negative(struct cm_buf *why, const struct move *m, const struct item *it,
    enum bal from, long long held)
{
	char q[32], left[32], had[32];

	return why_fail(why, _("%s of %s %s of part '%s' for '%s' would "
	    "leave %s at %s (it held %s)"), action_name(m->action),
	    qty_text(q, m->qty, it->unit), unit_name(it->unit),
	    cm_msg_value(it->part), cm_msg_value(it->customer),
	    from == B_N ? _("hold and stock") : bal_names[from],
	    qty_text(left, held - m->qty, it->unit),
	    qty_text(had, held, it->unit));
}

/* Move qty from one balance to another, if it holds enough. */
static int
shift(struct cm_buf *why, const struct move *m, struct item *it,
    long long *nb, enum bal from, enum bal to)
{
	if (nb[from] < m->qty)
		return negative(why, m, it, from, nb[from]);
	nb[from] -= m->qty;
	nb[to] += m->qty;
	return 0;
}

int
book_apply(struct book *b, const struct move *m, struct item **itp,
    struct cm_buf *why)
{
	struct item *it = book_find(b, m->f[C_CUSTOMER], m->f[C_PART_NO]);
	long long nb[B_N];
	char d1[11], d2[11];
	int unit, kind, fresh = it == NULL;

	if (it == NULL && m->action != A_RECEIVE)
		return why_fail(why, _("%s of part '%s' for '%s' before any "
		    "receive of it"), action_name(m->action),
		    cm_msg_value(m->f[C_PART_NO]),
		    cm_msg_value(m->f[C_CUSTOMER]));
	if (fresh && m->unit < 0)
		return why_fail(why, _("the first receive of part '%s' for '%s' "
		    "needs unit"), cm_msg_value(m->f[C_PART_NO]),
		    cm_msg_value(m->f[C_CUSTOMER]));
	if (fresh && m->kind == K_NONE)
		return why_fail(why, _("the first receive of part '%s' for '%s' "
		    "needs kind (material, equipment or entrusted)"),
		    cm_msg_value(m->f[C_PART_NO]),
		    cm_msg_value(m->f[C_CUSTOMER]));
	unit = fresh ? m->unit : it->unit;
	kind = fresh ? m->kind : it->kind;
	if (!fresh) {
		if (m->unit >= 0 && m->unit != it->unit)
			return why_fail(why, _("unit '%s' of part '%s' for '%s' "
			    "is '%s' (its first receive's)"),
			    cm_msg_value(m->f[C_UNIT]), cm_msg_value(it->part),
			    cm_msg_value(it->customer), unit_name(it->unit));
		if (m->kind != K_NONE && m->kind != it->kind)
			return why_fail(why, _("kind '%s' of part '%s' for '%s' "
			    "is '%s' (its first receive's)"),
			    cm_msg_value(m->f[C_KIND]), cm_msg_value(it->part),
			    cm_msg_value(it->customer), kind_name(it->kind));
		if (*m->f[C_NAME] != '\0' && *it->name != '\0' &&
		    strcmp(m->f[C_NAME], it->name) != 0)
			return why_fail(why, _("name '%s' of part '%s' for '%s' "
			    "is '%s' (its first receive's)"),
			    cm_msg_value(m->f[C_NAME]), cm_msg_value(it->part),
			    cm_msg_value(it->customer), cm_msg_value(it->name));
		if (m->date < it->last)
			return why_fail(why, _("dated %s, before %s, the last "
			    "movement of part '%s' for '%s'"),
			    cm_date_format(m->date, d1),
			    cm_date_format(it->last, d2),
			    cm_msg_value(it->part), cm_msg_value(it->customer));
	}
	if (too_fine(m->qty, unit) || (m->declared > 0 &&
	    too_fine(m->declared, unit)))
		return why_fail(why, _("%s '%s' has more decimals than unit "
		    "'%s' allows (%d)"), too_fine(m->qty, unit) ? "qty" :
		    "declared_qty", cm_msg_value(too_fine(m->qty, unit) ?
		    m->f[C_QTY] : m->f[C_DECLARED]), unit_name(unit),
		    unit_decimals(unit));
	if ((m->action == A_LEND || m->action == A_GIVEBACK) &&
	    kind == K_MATERIAL)
		return why_fail(why, _("%s of part '%s' for '%s', a material "
		    "(only equipment and entrusted items are lent; materials "
		    "are issued)"), action_name(m->action),
		    cm_msg_value(m->f[C_PART_NO]),
		    cm_msg_value(m->f[C_CUSTOMER]));
	if (fresh)
		it = book_add(b, m->f[C_CUSTOMER], m->f[C_PART_NO]);
	memcpy(nb, it->b, sizeof(nb));
	it->unit = unit;
	it->kind = kind;
	switch (m->action) {
	case A_RECEIVE:
		if (nb[B_RECEIVED] > QTY_MAX - m->qty)
			return why_fail(why, _("received of part '%s' for '%s' "
			    "past ten trillion"), cm_msg_value(it->part),
			    cm_msg_value(it->customer));
		nb[B_RECEIVED] += m->qty;
		nb[kind == K_ENTRUSTED ? B_STOCK : B_PENDING] += m->qty;
		break;
	case A_ACCEPT:
		if (shift(why, m, it, nb, B_PENDING, B_STOCK) < 0)
			return -1;
		break;
	case A_REJECT:
		if (shift(why, m, it, nb, B_PENDING, B_HOLD) < 0)
			return -1;
		break;
	case A_ISSUE:
		if (shift(why, m, it, nb, B_STOCK, B_ISSUED) < 0)
			return -1;
		break;
	case A_RETURN:
		/* From the hold area first: rejects go back before stock. */
		if (nb[B_HOLD] + nb[B_STOCK] < m->qty)
			return negative(why, m, it, B_N,
			    nb[B_HOLD] + nb[B_STOCK]);
		if (nb[B_HOLD] >= m->qty) {
			nb[B_HOLD] -= m->qty;
		} else {
			nb[B_STOCK] -= m->qty - nb[B_HOLD];
			nb[B_HOLD] = 0;
		}
		nb[B_RETURNED] += m->qty;
		break;
	case A_SCRAP:
		if (shift(why, m, it, nb, B_HOLD, B_SCRAPPED) < 0)
			return -1;
		break;
	case A_LOSE: case A_DAMAGE:
		if (shift(why, m, it, nb, B_STOCK, B_LOST) < 0)
			return -1;
		break;
	case A_LEND:
		if (shift(why, m, it, nb, B_STOCK, B_ON_LOAN) < 0)
			return -1;
		break;
	case A_GIVEBACK:
		if (shift(why, m, it, nb, B_ON_LOAN, B_STOCK) < 0)
			return -1;
		break;
	case A_N:
		break;
	}
	memcpy(it->b, nb, sizeof(nb));
	it->last = m->date;
	if (*it->name == '\0' && *m->f[C_NAME] != '\0') {
		free(it->name);
		it->name = xstrdup(m->f[C_NAME]);
	}
	*itp = it;
	return 0;
}
