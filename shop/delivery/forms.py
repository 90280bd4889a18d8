from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from shop.delivery import selectors
from shop.models import NovaPoshtaCity, NovaPoshtaWarehouse, WarehouseKind

KIND_LABELS = {
    WarehouseKind.BRANCH: _("Branch"),
    WarehouseKind.LOCKER: _("Parcel locker"),
}


def warehouse_label(warehouse: NovaPoshtaWarehouse) -> str:
    return f"№ {warehouse.number}: {warehouse.description}"


class PointForm(forms.Form):
    """The warehouse of `kind` in the chosen city. Only refs come from the browser; the
    address shown and stored is read from our copy of Nova Poshta's list."""

    city = forms.CharField(widget=forms.HiddenInput, max_length=36)
    warehouse = forms.ChoiceField(
        label=_("Branch or parcel locker"),
        error_messages={
            "required": _("Choose a branch or parcel locker from the list."),
            "invalid_choice": _("Choose a branch or parcel locker from the list."),
        },
    )

    def __init__(
        self,
        *args: Any,
        kind: str,
        city: NovaPoshtaCity | None = None,
        query: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if self.is_bound:
            city = selectors.city_get(ref=str(self.data.get("city", "")))
        self.chosen_city = city
        field = cast(forms.ChoiceField, self.fields["warehouse"])
        field.label = KIND_LABELS.get(WarehouseKind(kind), field.label)
        if city is None:
            warehouses = []
        elif self.is_bound:  # only the posted one need be a choice
            posted = selectors.warehouse_get(ref=str(self.data.get("warehouse", "")), kind=kind)
            warehouses = [posted] if posted and posted.city_id == city.ref else []
        else:
            warehouses = selectors.warehouse_search(city_ref=city.ref, kind=kind, query=query)
        field.choices = [("", _("— choose —"))] + [(w.ref, warehouse_label(w)) for w in warehouses]
        field.widget.attrs["data-np-warehouses"] = ""

    def clean_warehouse(self) -> NovaPoshtaWarehouse:
        warehouse = selectors.warehouse_get(ref=self.cleaned_data["warehouse"], kind=self.kind)
        if (
            warehouse is None
            or self.chosen_city is None
            or warehouse.city_id != self.chosen_city.ref
        ):  # raced
            raise forms.ValidationError(self.fields["warehouse"].error_messages["invalid_choice"])
        return warehouse
