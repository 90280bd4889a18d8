"""A local stand-in for Nova Poshta's API 2.0 (https://api.novaposhta.ua/v2.0/json/), speaking
its wire format: one JSON POST `{"apiKey", "modelName", "calledMethod", "methodProperties"}`
answered `{"success", "data", "errors", "warnings", "info": {"totalCount"}, ...}`, paged by
`Page` and `Limit` (strings or numbers, as Nova Poshta accepts both). It knows `Address`
`getCities`, `getWarehouses` (optionally by `CityRef`) and `searchSettlements`, holds cities
and warehouses the test edits between runs, and records every request.

    with NovaPoshtaStandIn() as np:
        np.city("Київ", area="Київська"); ...
        settings.NOVA_POSHTA_API_URL = np.url
"""

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from tests.support.http_standin import HTTPStandIn, Reply, Request

API_KEY = "np-test-key-0123456789abcdef"
POSTOMAT = "f9316480-5f2d-425d-bc2c-ac7cd29decf0"  # Nova Poshta's TypeOfWarehouse refs
BRANCH = "841339c7-591a-42e2-8233-7a0a00f0ed6f"


@dataclass
class NovaPoshtaStandIn:
    api_key: str = API_KEY
    cities: list[dict[str, Any]] = field(default_factory=list)
    warehouses: list[dict[str, Any]] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    fail_method: str = ""  # answer this calledMethod with success: false

    def city(self, name: str, *, area: str = "", translit: str = "") -> dict[str, Any]:
        row = {
            "Ref": str(uuid.uuid4()),
            "Description": name,
            "DescriptionRu": name,
            "DescriptionTranslit": translit,
            "AreaDescription": area,
            "SettlementTypeDescription": "місто",
            "CityID": str(len(self.cities) + 1),
        }
        self.cities.append(row)
        return row

    def warehouse(
        self, city: dict[str, Any], number: int, address: str, *, locker: bool = False
    ) -> dict[str, Any]:
        kind = "Postomat" if locker else "Branch"
        title = "Поштомат" if locker else "Відділення"
        row = {
            "Ref": str(uuid.uuid4()),
            "SiteKey": str(10000 + len(self.warehouses)),
            "Description": f"{title} №{number}: {address}",
            "DescriptionRu": f"{title} №{number}: {address}",
            "ShortAddress": f"{city['Description']}, {address}",
            "Number": str(number),
            "CityRef": city["Ref"],
            "CityDescription": city["Description"],
            "TypeOfWarehouse": POSTOMAT if locker else BRANCH,
            "CategoryOfWarehouse": kind,
            "WarehouseStatus": "Working",
        }
        self.warehouses.append(row)
        return row

    # --- the server -----------------------------------------------------------------------

    def __enter__(self) -> "NovaPoshtaStandIn":
        self.server = HTTPStandIn(self._answer, protocol="HTTP/1.0").start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.stop()

    @property
    def url(self) -> str:
        return f"{self.server.url}/v2.0/json/"

    def _answer(self, request: Request) -> Reply:
        if request.method != "POST":  # the API takes only POSTs
            return Reply(501, "", "text/plain")
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            body = None
        status, answer = self.answer(body)
        return Reply(
            status, json.dumps(answer, ensure_ascii=False), "application/json; charset=utf-8"
        )

    def calls(self, method: str) -> list[dict[str, Any]]:
        return [r for r in self.requests if r.get("calledMethod") == method]

    # --- the API ----------------------------------------------------------------------------

    @staticmethod
    def _envelope(data: list, *, total: int | None = None, errors: list | None = None) -> dict:
        return {
            "success": not errors,
            "data": data,
            "errors": errors or [],
            "warnings": [],
            "info": {"totalCount": total if total is not None else len(data)},
            "messageCodes": [],
            "errorCodes": ["20000200068"] if errors else [],
            "warningCodes": [],
            "infoCodes": [],
        }

    def answer(self, body: Any) -> tuple[int, dict]:
        if not isinstance(body, dict):
            return 200, self._envelope([], errors=["Data is invalid"])
        self.requests.append(body)
        if body.get("apiKey") != self.api_key:
            return 200, self._envelope([], errors=["API key expired"])
        method = body.get("calledMethod")
        props = body.get("methodProperties") or {}
        if body.get("modelName") != "Address" or method == self.fail_method:
            return 200, self._envelope([], errors=[f"{method} failed"])
        if method == "getCities":
            return 200, self._page(self.cities, props)
        if method == "getWarehouses":
            rows = self.warehouses
            if props.get("CityRef"):
                rows = [w for w in rows if w["CityRef"] == props["CityRef"]]
            return 200, self._page(rows, props)
        if method == "searchSettlements":
            name = str(props.get("CityName", "")).casefold()
            found = [c for c in self.cities if c["Description"].casefold().startswith(name)]
            addresses = [
                {"Present": c["Description"], "DeliveryCity": c["Ref"], "Ref": c["Ref"]}
                for c in found
            ]
            return 200, self._envelope([{"TotalCount": len(addresses), "Addresses": addresses}])
        return 200, self._envelope([], errors=[f"Method {method} does not exist"])

    def _page(self, rows: list[dict[str, Any]], props: dict[str, Any]) -> dict:
        page = int(props.get("Page") or 1)
        limit = int(props.get("Limit") or 0) or len(rows) or 1
        start = (page - 1) * limit
        return self._envelope(rows[start : start + limit], total=len(rows))
